package dev.sluice.logengine.record;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * One decoded record of a {@link RecordBatch}. {@code key} and {@code value} are views into the batch
 * buffer (do not write to them) ({@code null} when absent; a null value is a tombstone). {@code changeKind} is the
 * record attributes byte, which Kafka leaves unused and Sluice uses for the row change kind (0..3).
 */
public record Record(
        long offset, long timestamp, byte changeKind, ByteBuffer key, ByteBuffer value, List<Header> headers) {

    public boolean isTombstone() {
        return value == null;
    }

    /** Copies the key out of the batch buffer, or returns null. */
    public byte[] keyBytes() {
        return copy(key);
    }

    /** Copies the value out of the batch buffer, or returns null. */
    public byte[] valueBytes() {
        return copy(value);
    }

    private static byte[] copy(ByteBuffer b) {
        if (b == null) {
            return null;
        }
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
