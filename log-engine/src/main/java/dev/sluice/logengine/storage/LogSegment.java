package dev.sluice.logengine.storage;

import dev.sluice.logengine.record.RecordBatch;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One {@code .log} file and its two sparse indexes. Appends go to the end under the partition's write
 * lock; reads are positional and may run concurrently. {@link #size()} is the number of bytes that hold
 * complete batches: a reader never looks past it.
 *
 * <p>Reads return views of a read-only memory map of the file, not copies: a fetch then costs no
 * read(2) and no copy (the JDK's read into a heap buffer copied twice: page cache to a temporary direct
 * buffer to the heap), and its batches stay valid as long as the caller holds them. The map covers
 * {@code [0, mappedSize)}; an inactive segment is mapped whole once, the active one again whenever it
 * has grown by {@value #REMAP_GROWTH} bytes past its map. A read of the newest bytes of the active
 * segment beyond the map is copied with pread instead (a tailing consumer reads a little at a time; a
 * new map per fetch would pile up maps until the GC frees them).
 *
 * <p>Why this is safe:
 *
 * <ol>
 *   <li>A map is never unmapped explicitly, only by the GC once no view of it is reachable, so a caller
 *       holding a batch never touches unmapped memory.
 *   <li>A mapped file is never cut below what was mapped while the process runs: recovery truncates
 *       before anything is read, and an append that fails cuts only bytes past {@link #size()}, which no
 *       map covers. (Touching a mapped page past the end of a file would raise SIGBUS.)
 *   <li>Retention and compaction delete or rename over a segment's file; the map keeps the old inode
 *       alive until the GC frees it. The costs: the disk space of a deleted segment comes back only
 *       then, and that munmap briefly blocks every page fault of the process (the log bench calls
 *       System.gc() between cases so one case's unmaps do not land in the next one's measurement).
 *       Each map also counts against {@code vm.max_map_count}, like the two index maps of a segment.
 * </ol>
 */
final class LogSegment implements Closeable {
    /** The active segment is mapped again once it has grown this much past its current map. */
    static final int REMAP_GROWTH = 4 << 20;

    private final long baseOffset;
    private final int indexIntervalBytes;
    private final long createdMs;
    private Path logPath;
    private final FileChannel channel;
    private final OffsetIndex offsetIndex;
    private final TimeIndex timeIndex;
    private volatile int size;
    private long nextOffset;
    private long maxTimestampSoFar = RecordBatch.NO_TIMESTAMP;
    private long offsetOfMaxTimestampSoFar = -1;
    private int bytesSinceLastIndexEntry;
    private volatile boolean active = true;
    /** Read-only map of [0, mapped.capacity()), or null. Replaced, never unmapped (see the class doc). */
    private volatile MappedByteBuffer mapped;

    /** Location of a batch found by {@link #findBatch(long)}. */
    record BatchLocation(int position, long baseOffset, long lastOffset, int sizeInBytes) {}

    LogSegment(Path dir, long baseOffset, int indexIntervalBytes, int maxIndexBytes, long createdMs)
            throws IOException {
        this.baseOffset = baseOffset;
        this.indexIntervalBytes = indexIntervalBytes;
        this.createdMs = createdMs;
        this.logPath = LogFiles.logFile(dir, baseOffset);
        this.channel =
                FileChannel.open(logPath, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        this.size = (int) Math.min(Integer.MAX_VALUE, channel.size());
        this.offsetIndex = new OffsetIndex(LogFiles.indexFile(dir, baseOffset), baseOffset, maxIndexBytes);
        this.timeIndex = new TimeIndex(LogFiles.timeIndexFile(dir, baseOffset), baseOffset, maxIndexBytes);
        this.nextOffset = baseOffset;
    }

    long baseOffset() {
        return baseOffset;
    }

    int size() {
        return size;
    }

    long nextOffset() {
        return nextOffset;
    }

    long createdMs() {
        return createdMs;
    }

    long maxTimestamp() {
        return maxTimestampSoFar;
    }

    boolean indexFull() {
        return offsetIndex.isFull() || timeIndex.isFull();
    }

    Path logPath() {
        return logPath;
    }

    FileChannel channel() {
        return channel;
    }

    /**
     * Writes one batch at the end of the file with {@code batchBase} as its base offset. The caller's
     * buffer is not modified: the 8-byte base offset goes out in a separate buffer of one gathering write
     * (the field lies outside the CRC). On an I/O error the file is cut back to its previous size so no
     * partial batch remains, then the error is rethrown.
     */
    void append(ByteBuffer batch, long batchBase, long batchLast, long batchMaxTimestamp) throws IOException {
        int start = size;
        int length = batch.remaining();
        try {
            ByteBuffer offset =
                    ByteBuffer.allocate(RecordBatch.BASE_OFFSET_LENGTH).putLong(0, batchBase);
            ByteBuffer rest = batch.duplicate();
            rest.position(rest.position() + RecordBatch.BASE_OFFSET_LENGTH);
            ByteBuffer[] parts = {offset, rest};
            channel.position(start); // appends are serialized by the partition lock; reads are positional
            long written = 0;
            while (written < length) {
                written += channel.write(parts);
            }
        } catch (IOException e) {
            try {
                channel.truncate(start);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        // Index the batch that crosses the interval boundary: lookups then scan at most ~interval bytes.
        if (bytesSinceLastIndexEntry > indexIntervalBytes && !indexFull()) {
            offsetIndex.append(batchBase, start);
            timeIndex.maybeAppend(maxTimestampSoFar, offsetOfMaxTimestampSoFar);
            bytesSinceLastIndexEntry = 0;
        }
        if (batchMaxTimestamp > maxTimestampSoFar) {
            maxTimestampSoFar = batchMaxTimestamp;
            offsetOfMaxTimestampSoFar = batchLast;
        }
        bytesSinceLastIndexEntry += length;
        nextOffset = batchLast + 1;
        size = start + length;
    }

    /**
     * Reads up to {@code maxBytes} from a position, never past {@code maxPosition} (exclusive): a view of
     * the segment's map when the map covers the range (see the class doc), otherwise a copy. The view is
     * read-only.
     */
    ByteBuffer read(int position, int maxBytes, int maxPosition) throws IOException {
        int end = Math.min(maxPosition, size);
        int length = Math.max(0, Math.min(maxBytes, end - position));
        MappedByteBuffer m = mapped;
        if (m == null || position + length > m.capacity()) {
            m = remap(end);
        }
        if (m != null && position + length <= m.capacity()) {
            return m.slice(position, length);
        }
        ByteBuffer buf = ByteBuffer.allocate(length);
        long pos = position;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, pos);
            if (n < 0) {
                break;
            }
            pos += n;
        }
        buf.flip();
        return buf;
    }

    /**
     * Maps {@code [0, end)} if that is worth it: always for an inactive segment (its size is final), for
     * the active one once it has grown {@link #REMAP_GROWTH} past the current map. Returns the map in
     * use afterwards (possibly unchanged, possibly null).
     */
    private synchronized MappedByteBuffer remap(int end) throws IOException {
        MappedByteBuffer m = mapped;
        int current = m == null ? 0 : m.capacity();
        if (end <= current || end <= 0) {
            return m;
        }
        if (active && end - current < REMAP_GROWTH) {
            return m;
        }
        // end <= size <= the file's length, so the READ_ONLY map never extends the file.
        m = channel.map(FileChannel.MapMode.READ_ONLY, 0, end);
        mapped = m;
        return m;
    }

    /**
     * The first batch whose last offset is >= offset, starting from the index's floor entry and scanning
     * headers forward; null if none lies below {@code maxPosition}.
     */
    BatchLocation findBatch(long offset, int maxPosition) throws IOException {
        int pos = offset <= baseOffset ? 0 : offsetIndex.lookup(offset).position();
        int limit = Math.min(maxPosition, size);
        ByteBuffer header = ByteBuffer.allocate(RecordBatch.HEADER_SIZE);
        while (pos + RecordBatch.HEADER_SIZE <= limit) {
            header.clear();
            long p = pos;
            while (header.hasRemaining()) {
                int n = channel.read(header, p);
                if (n < 0) {
                    return null;
                }
                p += n;
            }
            long base = header.getLong(RecordBatch.BASE_OFFSET_OFFSET);
            int batchSize = RecordBatch.LOG_OVERHEAD + header.getInt(RecordBatch.LENGTH_OFFSET);
            long last = base + header.getInt(RecordBatch.LAST_OFFSET_DELTA_OFFSET);
            if (last >= offset) {
                return new BatchLocation(pos, base, last, batchSize);
            }
            pos += batchSize;
        }
        return null;
    }

    /**
     * Rebuilds both indexes and the in-memory end offset / max timestamp by scanning the file. With
     * {@code verifyCrc}, the first batch that is torn, corrupt or out of order ends the valid log and the
     * file is truncated there. Returns the number of bytes cut off.
     */
    int recover(boolean verifyCrc, int maxBatchBytes) throws IOException {
        return recover(verifyCrc, maxBatchBytes, false);
    }

    /**
     * As {@link #recover(boolean, int)}; with {@code contiguous} every batch must start exactly where the
     * previous one ended. That holds for every segment that was never compacted, and catches a damaged
     * base offset, which the CRC does not cover.
     */
    int recover(boolean verifyCrc, int maxBatchBytes, boolean contiguous) throws IOException {
        offsetIndex.reset();
        timeIndex.reset();
        maxTimestampSoFar = RecordBatch.NO_TIMESTAMP;
        offsetOfMaxTimestampSoFar = -1;
        bytesSinceLastIndexEntry = 0;
        nextOffset = baseOffset;
        int fileSize = (int) Math.min(Integer.MAX_VALUE, channel.size());
        size = 0;
        long[] expectedNext = {baseOffset};
        BatchScanner.Result result = BatchScanner.scan(channel, 0, fileSize, verifyCrc, maxBatchBytes, (batch, pos) -> {
            long last = batch.lastOffset();
            if (batch.baseOffset() < expectedNext[0]
                    || (contiguous && batch.baseOffset() != expectedNext[0])
                    || last - baseOffset > Integer.MAX_VALUE) {
                return false;
            }
            if (bytesSinceLastIndexEntry > indexIntervalBytes && !indexFull()) {
                offsetIndex.append(batch.baseOffset(), pos);
                timeIndex.maybeAppend(maxTimestampSoFar, offsetOfMaxTimestampSoFar);
                bytesSinceLastIndexEntry = 0;
            }
            if (batch.maxTimestamp() > maxTimestampSoFar) {
                maxTimestampSoFar = batch.maxTimestamp();
                offsetOfMaxTimestampSoFar = last;
            }
            bytesSinceLastIndexEntry += batch.sizeInBytes();
            expectedNext[0] = last + 1;
            nextOffset = last + 1;
            size = pos + batch.sizeInBytes();
            return true;
        });
        int validEnd = size; // end of the last accepted batch
        if (validEnd < fileSize) {
            org.slf4j.LoggerFactory.getLogger(LogSegment.class)
                    .warn(
                            "{}: cutting {} bytes at position {}: {}",
                            logPath,
                            fileSize - validEnd,
                            validEnd,
                            result.stopReason());
        }
        int truncated = fileSize - validEnd;
        if (truncated > 0) {
            channel.truncate(validEnd);
            channel.force(true);
        }
        return truncated;
    }

    /**
     * Loads the segment after a clean shutdown: trusts the trimmed indexes when they look sane (else
     * rebuilds) and finds the end offset by scanning headers from the last index entry.
     */
    void loadClean(int maxBatchBytes, long nextSegmentBase) throws IOException {
        if (!offsetIndex.isSane(size) || !timeIndex.isSane(nextSegmentBase)) {
            recover(false, maxBatchBytes);
            return;
        }
        int start = offsetIndex.entries() == 0
                ? 0
                : offsetIndex.entryAt(offsetIndex.entries() - 1).position();
        nextOffset = baseOffset;
        TimeIndex.Entry lastTime = timeIndex.lastEntry();
        if (lastTime != null) {
            maxTimestampSoFar = lastTime.timestamp();
            offsetOfMaxTimestampSoFar = lastTime.offset();
        }
        BatchScanner.Result r = BatchScanner.scan(channel, start, size, false, maxBatchBytes, (batch, pos) -> {
            nextOffset = batch.lastOffset() + 1;
            if (batch.maxTimestamp() > maxTimestampSoFar) {
                maxTimestampSoFar = batch.maxTimestamp();
                offsetOfMaxTimestampSoFar = batch.lastOffset();
            }
            bytesSinceLastIndexEntry += batch.sizeInBytes();
            return true;
        });
        if (r.validEnd() != size) {
            recover(true, maxBatchBytes); // the clean marker lied about this file; trust nothing
        }
        offsetIndex.ensurePreallocated();
        timeIndex.ensurePreallocated();
    }

    /** The offset to start scanning from for a timestamp lookup. */
    long timeIndexStartOffset(long timestamp) {
        TimeIndex.Entry e = timeIndex.lookupBefore(timestamp);
        return e == null ? baseOffset : e.offset();
    }

    /** Called when the segment stops being active: final time entry, trimmed and flushed indexes. */
    /** A segment loaded at start-up behind the active one: its size is final, so it is mapped whole. */
    void markInactive() {
        active = false;
    }

    void onBecomeInactive() throws IOException {
        active = false;
        if (maxTimestampSoFar != RecordBatch.NO_TIMESTAMP) {
            timeIndex.maybeAppend(maxTimestampSoFar, offsetOfMaxTimestampSoFar);
        }
        flush();
        offsetIndex.trimToValidSize();
        timeIndex.trimToValidSize();
    }

    void flush() throws IOException {
        channel.force(false);
    }

    void flushIndexes() {
        offsetIndex.flush();
        timeIndex.flush();
    }

    @Override
    public void close() throws IOException {
        mapped = null;
        try {
            offsetIndex.closeAndTrim();
            timeIndex.closeAndTrim();
        } finally {
            channel.close();
        }
    }

    /** Closes without flushing or trimming: what a crash leaves behind (tests use it). */
    void closeAbruptly() throws IOException {
        mapped = null;
        offsetIndex.close();
        timeIndex.close();
        channel.close();
    }

    void delete() throws IOException {
        closeAbruptly();
        Files.deleteIfExists(logPath);
        offsetIndex.deleteFile();
        timeIndex.deleteFile();
    }

    @Override
    public String toString() {
        return "LogSegment[" + logPath.getFileName() + ", size=" + size + ", next=" + nextOffset + "]";
    }
}
