package dev.sluice.executor.state;

import dev.sluice.executor.codec.CorruptRowException;
import java.nio.ByteBuffer;

/**
 * A row as stored in state: where it came from in the log and its encoded values.
 *
 * <pre>
 * TIMESTAMP_OFFSET  0   8 bytes  the record's timestamp (epoch ms), ROWTIME
 * PARTITION_OFFSET  8   4 bytes  the changelog partition, ROWPARTITION
 * OFFSET_OFFSET     12  8 bytes  the changelog offset, ROWOFFSET
 * ROW_OFFSET        20  ...      RowCodec bytes
 * </pre>
 */
public record StoredValue(long timestampMs, int partition, long offset, byte[] row) {
    static final int TIMESTAMP_OFFSET = 0;
    static final int PARTITION_OFFSET = 8;
    static final int OFFSET_OFFSET = 12;
    static final int ROW_OFFSET = 20;

    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(ROW_OFFSET + row.length);
        b.putLong(TIMESTAMP_OFFSET, timestampMs);
        b.putInt(PARTITION_OFFSET, partition);
        b.putLong(OFFSET_OFFSET, offset);
        b.put(ROW_OFFSET, row);
        return b.array();
    }

    public static StoredValue decode(byte[] bytes) {
        if (bytes.length < ROW_OFFSET) {
            throw new CorruptRowException("state value of " + bytes.length + " bytes is shorter than its header");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        byte[] row = new byte[bytes.length - ROW_OFFSET];
        b.get(ROW_OFFSET, row);
        return new StoredValue(b.getLong(TIMESTAMP_OFFSET), b.getInt(PARTITION_OFFSET), b.getLong(OFFSET_OFFSET), row);
    }
}
