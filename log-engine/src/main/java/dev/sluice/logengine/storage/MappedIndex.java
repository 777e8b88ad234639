package dev.sluice.logengine.storage;

import java.io.Closeable;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A fixed-entry-size index file, preallocated to {@code maxIndexBytes} and memory-mapped. Entries are
 * appended in increasing key order and binary searched. The file carries no checksum: indexes are
 * rebuilt from the log after a crash, and {@link #trimToValidSize()} at roll/close makes the file length
 * say how many entries are valid. Callers hold the partition lock for writes.
 */
abstract class MappedIndex implements Closeable {
    protected final long baseOffset;
    private final int entrySize;
    private final int maxEntries;
    private Path file;
    private FileChannel channel;
    protected MappedByteBuffer mmap;
    protected volatile int entries;

    MappedIndex(Path file, long baseOffset, int maxIndexBytes, int entrySize) throws IOException {
        this.file = file;
        this.baseOffset = baseOffset;
        this.entrySize = entrySize;
        this.maxEntries = Math.max(1, maxIndexBytes / entrySize);
        this.channel =
                FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        long existing = channel.size();
        this.entries = (int) Math.min(maxEntries, existing / entrySize);
        // Preallocate so appends never grow the mapping; the file is trimmed again on roll/close.
        long length = (long) maxEntries * entrySize;
        if (existing < length) {
            channel.truncate(length); // no-op when growing; grow by writing the last byte
            channel.write(java.nio.ByteBuffer.wrap(new byte[1]), length - 1);
        }
        this.mmap = channel.map(FileChannel.MapMode.READ_WRITE, 0, length);
    }

    int entries() {
        return entries;
    }

    boolean isFull() {
        return entries >= maxEntries;
    }

    Path file() {
        return file;
    }

    protected int entrySize() {
        return entrySize;
    }

    protected void checkRoom() {
        if (isFull()) {
            throw new IllegalStateException("index " + file + " is full");
        }
    }

    void reset() {
        entries = 0;
    }

    void truncateToEntries(int n) {
        entries = Math.max(0, Math.min(entries, n));
    }

    void flush() {
        mmap.force();
    }

    /** Cuts the file to its valid entries (so the next open knows the count) and flushes it. */
    void trimToValidSize() throws IOException {
        mmap.force();
        channel.truncate((long) entries * entrySize);
        channel.force(true);
    }

    /**
     * Re-extends a trimmed file so it can take appends again (a segment that was rolled on a previous
     * run becomes active again when later segments were truncated away).
     */
    void ensurePreallocated() throws IOException {
        long length = (long) maxEntries * entrySize;
        if (channel.size() < length) {
            channel.write(java.nio.ByteBuffer.wrap(new byte[1]), length - 1);
        }
    }

    void renameTo(Path target) throws IOException {
        Files.move(file, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        file = target;
    }

    @Override
    public void close() throws IOException {
        if (channel.isOpen()) {
            channel.close();
        }
    }

    void closeAndTrim() throws IOException {
        if (channel.isOpen()) {
            trimToValidSize();
            channel.close();
        }
    }

    void deleteFile() throws IOException {
        close();
        Files.deleteIfExists(file);
    }
}
