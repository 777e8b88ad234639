package dev.sluice.logengine.storage;

import dev.sluice.logengine.record.CorruptRecordException;
import dev.sluice.logengine.record.RecordBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Walks the batches of a segment file in large sequential reads. Used by recovery (with CRC checks),
 * producer-state replay, compaction and timestamp lookups. It stops at the first position that does
 * not hold a complete, plausible batch and reports that position, which recovery treats as the end of
 * the valid log.
 */
final class BatchScanner {
    private static final int CHUNK = 1 << 20;

    interface Visitor {
        /** Returns false to stop scanning. */
        boolean visit(RecordBatch batch, int position) throws IOException;
    }

    /** Where and why a scan stopped. {@code validEnd} is the end of the last batch accepted. */
    record Result(int validEnd, String stopReason) {}

    private BatchScanner() {}

    /**
     * Scans [start, end). With {@code verifyCrc}, a batch whose CRC fails ends the scan (it is not
     * visited). {@code maxBatchBytes} bounds a plausible batch length.
     */
    static Result scan(FileChannel ch, int start, int end, boolean verifyCrc, int maxBatchBytes, Visitor visitor)
            throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(CHUNK, Math.max(RecordBatch.HEADER_SIZE, end - start)));
        int bufStart = start; // file position of buf[0]
        buf.limit(0);
        int pos = start;
        while (pos < end) {
            if (end - pos < RecordBatch.LOG_OVERHEAD) {
                return new Result(pos, "partial batch header");
            }
            if (pos + RecordBatch.LOG_OVERHEAD > bufStart + buf.limit()) {
                bufStart = refill(ch, buf, pos, end, RecordBatch.HEADER_SIZE);
            }
            int rel = pos - bufStart;
            int size = RecordBatch.LOG_OVERHEAD + buf.getInt(rel + RecordBatch.LENGTH_OFFSET);
            if (size < RecordBatch.HEADER_SIZE || size > maxBatchBytes + RecordBatch.HEADER_SIZE) {
                return new Result(pos, "implausible batch size " + size);
            }
            if (pos + size > end) {
                return new Result(pos, "batch runs past the end of the file");
            }
            if (pos + size > bufStart + buf.limit()) {
                if (size > buf.capacity()) {
                    buf = ByteBuffer.allocate(size);
                }
                bufStart = refill(ch, buf, pos, end, size);
                rel = 0;
            }
            RecordBatch batch;
            try {
                batch = RecordBatch.wrap(buf.duplicate().position(rel).limit(rel + size));
                if (verifyCrc) {
                    batch.ensureValid();
                }
            } catch (CorruptRecordException e) {
                return new Result(pos, e.getMessage());
            }
            if (!visitor.visit(batch, pos)) {
                return new Result(pos + size, "stopped");
            }
            pos += size;
        }
        return new Result(pos, "end");
    }

    private static int refill(FileChannel ch, ByteBuffer buf, int pos, int end, int atLeast) throws IOException {
        buf.clear();
        int want = Math.min(buf.capacity(), end - pos);
        buf.limit(want);
        long filePos = pos;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, filePos);
            if (n < 0) {
                break;
            }
            filePos += n;
        }
        buf.flip();
        if (buf.limit() < Math.min(atLeast, end - pos)) {
            throw new IOException("short read at " + pos + " in a file that should hold " + end + " bytes");
        }
        return pos;
    }
}
