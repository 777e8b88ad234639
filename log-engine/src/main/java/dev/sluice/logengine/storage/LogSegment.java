package dev.sluice.logengine.storage;

import dev.sluice.logengine.record.RecordBatch;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One {@code .log} file and its two sparse indexes. Appends go to the end under the partition's write
 * lock; reads are positional and may run concurrently. {@link #size()} is the number of bytes that hold
 * complete batches: a reader never looks past it.
 */
final class LogSegment implements Closeable {
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

    /** Reads up to {@code maxBytes} from a position, never past {@code maxPosition} (exclusive). */
    ByteBuffer read(int position, int maxBytes, int maxPosition) throws IOException {
        int length = Math.max(0, Math.min(maxBytes, Math.min(maxPosition, size) - position));
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

    /** Cuts the segment so {@code offset} is the next offset (offset must be a batch boundary here). */
    void truncateTo(long offset) throws IOException {
        BatchLocation loc = findBatch(offset, size);
        if (loc == null) {
            return;
        }
        channel.truncate(loc.position());
        channel.force(true);
        size = loc.position();
        offsetIndex.truncateTo(offset);
        timeIndex.truncateTo(offset);
        nextOffset = loc.baseOffset();
    }

    /** The offset to start scanning from for a timestamp lookup. */
    long timeIndexStartOffset(long timestamp) {
        TimeIndex.Entry e = timeIndex.lookupBefore(timestamp);
        return e == null ? baseOffset : e.offset();
    }

    /** Called when the segment stops being active: final time entry, trimmed and flushed indexes. */
    void onBecomeInactive() throws IOException {
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
        try {
            offsetIndex.closeAndTrim();
            timeIndex.closeAndTrim();
        } finally {
            channel.close();
        }
    }

    /** Closes without flushing or trimming: what a crash leaves behind (tests use it). */
    void closeAbruptly() throws IOException {
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
