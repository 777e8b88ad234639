package dev.sluice.logengine.record;

import java.nio.ByteBuffer;

/**
 * The single record of a control batch (a transaction marker). Layout as in Kafka's
 * {@code EndTransactionMarker}: key = {@code version:int16 (0), type:int16}; value = {@code
 * version:int16 (0), coordinatorEpoch:int32}.
 */
public enum ControlRecordType {
    ABORT((short) 0),
    COMMIT((short) 1);

    public static final int KEY_LENGTH = 4;
    public static final int VALUE_LENGTH = 6;

    private final short id;

    ControlRecordType(short id) {
        this.id = id;
    }

    public short id() {
        return id;
    }

    public static ControlRecordType fromKey(ByteBuffer key) {
        if (key == null || key.remaining() < KEY_LENGTH) {
            throw new CorruptRecordException("control record key too short");
        }
        short type = key.getShort(key.position() + 2);
        return switch (type) {
            case 0 -> ABORT;
            case 1 -> COMMIT;
            default -> throw new CorruptRecordException("unknown control record type " + type);
        };
    }

    /** Builds a control batch (transactional + control attributes) holding one marker record. */
    public RecordBatch markerBatch(long producerId, short producerEpoch, int coordinatorEpoch, long timestamp) {
        ByteBuffer key =
                ByteBuffer.allocate(KEY_LENGTH).putShort((short) 0).putShort(id).flip();
        ByteBuffer value = ByteBuffer.allocate(VALUE_LENGTH)
                .putShort((short) 0)
                .putInt(coordinatorEpoch)
                .flip();
        return RecordBatchBuilder.create()
                .producer(producerId, producerEpoch, RecordBatch.NO_SEQUENCE)
                .transactional(true)
                .control(true)
                .append(timestamp, (byte) 0, key, value)
                .build();
    }
}
