package dev.sluice.logengine.record;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Builds one uncompressed v2 {@link RecordBatch}. Offsets in the built batch start at {@link
 * #baseOffset(long)} (0 by default; the log overwrites it on append). Not thread-safe.
 *
 * <p>Usage: {@code RecordBatchBuilder.create().producer(pid, epoch, seq).append(ts, kind, key,
 * value).build()}.
 */
public final class RecordBatchBuilder {
    /** Largest change-kind byte Sluice writes (+I=0, -U=1, +U=2, -D=3). */
    public static final byte MAX_CHANGE_KIND = 3;

    private ByteBuffer buf = ByteBuffer.allocate(1024);
    private long baseOffset;
    private long producerId = RecordBatch.NO_PRODUCER_ID;
    private short producerEpoch = RecordBatch.NO_PRODUCER_EPOCH;
    private int baseSequence = RecordBatch.NO_SEQUENCE;
    private boolean transactional;
    private boolean control;
    private long deleteHorizonMs = RecordBatch.NO_TIMESTAMP;
    private CompressionType compression = CompressionType.NONE;
    private long baseTimestamp = RecordBatch.NO_TIMESTAMP;
    private long maxTimestamp = RecordBatch.NO_TIMESTAMP;
    private int count;
    private int lastOffsetDelta = -1;

    private RecordBatchBuilder() {
        buf.position(RecordBatch.HEADER_SIZE);
    }

    public static RecordBatchBuilder create() {
        return new RecordBatchBuilder();
    }

    public RecordBatchBuilder baseOffset(long baseOffset) {
        this.baseOffset = baseOffset;
        return this;
    }

    public RecordBatchBuilder producer(long producerId, short producerEpoch, int baseSequence) {
        this.producerId = producerId;
        this.producerEpoch = producerEpoch;
        this.baseSequence = baseSequence;
        return this;
    }

    public RecordBatchBuilder transactional(boolean transactional) {
        this.transactional = transactional;
        return this;
    }

    /** Compresses the records with this codec at {@link #build()} (default none). */
    public RecordBatchBuilder compression(CompressionType compression) {
        this.compression = compression;
        return this;
    }

    public RecordBatchBuilder control(boolean control) {
        this.control = control;
        return this;
    }

    /**
     * Marks the batch with a delete horizon (compaction): the base timestamp then holds the horizon and
     * record timestamps are stored relative to it. Must be called before the first append.
     */
    public RecordBatchBuilder deleteHorizon(long deleteHorizonMs) {
        if (count > 0) {
            throw new IllegalStateException("set the delete horizon before appending records");
        }
        this.deleteHorizonMs = deleteHorizonMs;
        this.baseTimestamp = deleteHorizonMs;
        return this;
    }

    public RecordBatchBuilder append(long timestamp, byte changeKind, byte[] key, byte[] value) {
        return append(
                timestamp,
                changeKind,
                key == null ? null : ByteBuffer.wrap(key),
                value == null ? null : ByteBuffer.wrap(value),
                List.of());
    }

    public RecordBatchBuilder append(long timestamp, byte changeKind, ByteBuffer key, ByteBuffer value) {
        return append(timestamp, changeKind, key, value, List.of());
    }

    /** Appends a record whose offset is the next one (offset delta = records so far). */
    public RecordBatchBuilder append(
            long timestamp, byte changeKind, ByteBuffer key, ByteBuffer value, List<Header> headers) {
        return appendWithOffsetDelta(count == 0 ? 0 : lastOffsetDelta + 1, timestamp, changeKind, key, value, headers);
    }

    /**
     * Appends a record with an explicit offset delta (strictly increasing). Compaction uses this to keep
     * original offsets, which leaves gaps.
     */
    public RecordBatchBuilder appendWithOffsetDelta(
            int offsetDelta, long timestamp, byte changeKind, ByteBuffer key, ByteBuffer value, List<Header> headers) {
        if (changeKind < 0 || changeKind > MAX_CHANGE_KIND) {
            throw new IllegalArgumentException("change kind must be 0..3, got " + changeKind);
        }
        if (count > 0 && offsetDelta <= lastOffsetDelta) {
            throw new IllegalArgumentException("offset deltas must increase");
        }
        if (baseTimestamp == RecordBatch.NO_TIMESTAMP) {
            baseTimestamp = timestamp;
        }
        long tsDelta = timestamp - baseTimestamp;
        int keyLen = key == null ? -1 : key.remaining();
        int valueLen = value == null ? -1 : value.remaining();
        byte[][] headerKeys = new byte[headers.size()][];
        int bodySize = 1 + Varints.sizeOfVarlong(tsDelta) + Varints.sizeOfVarint(offsetDelta);
        bodySize += Varints.sizeOfVarint(keyLen) + Math.max(0, keyLen);
        bodySize += Varints.sizeOfVarint(valueLen) + Math.max(0, valueLen);
        bodySize += Varints.sizeOfVarint(headers.size());
        for (int i = 0; i < headerKeys.length; i++) {
            Header h = headers.get(i);
            headerKeys[i] = h.key().getBytes(StandardCharsets.UTF_8);
            int hv = h.value() == null ? -1 : h.value().length;
            bodySize += Varints.sizeOfVarint(headerKeys[i].length) + headerKeys[i].length;
            bodySize += Varints.sizeOfVarint(hv) + Math.max(0, hv);
        }
        ensureCapacity(Varints.sizeOfVarint(bodySize) + bodySize);
        Varints.writeVarint(bodySize, buf);
        buf.put(changeKind);
        Varints.writeVarlong(tsDelta, buf);
        Varints.writeVarint(offsetDelta, buf);
        Varints.writeVarint(keyLen, buf);
        if (key != null) {
            buf.put(key.duplicate());
        }
        Varints.writeVarint(valueLen, buf);
        if (value != null) {
            buf.put(value.duplicate());
        }
        Varints.writeVarint(headers.size(), buf);
        for (int i = 0; i < headerKeys.length; i++) {
            Varints.writeVarint(headerKeys[i].length, buf);
            buf.put(headerKeys[i]);
            byte[] hv = headers.get(i).value();
            Varints.writeVarint(hv == null ? -1 : hv.length, buf);
            if (hv != null) {
                buf.put(hv);
            }
        }
        count++;
        lastOffsetDelta = offsetDelta;
        maxTimestamp = Math.max(maxTimestamp, timestamp);
        return this;
    }

    /**
     * Keeps the batch's offset range even if trailing records were dropped (compaction keeps the last
     * offset so producer sequences and the log end stay put).
     */
    public RecordBatchBuilder lastOffsetDelta(int delta) {
        if (delta < lastOffsetDelta) {
            throw new IllegalArgumentException("last offset delta below the last record's");
        }
        this.lastOffsetDelta = delta;
        return this;
    }

    public int recordCount() {
        return count;
    }

    public int estimatedSizeInBytes() {
        return buf.position();
    }

    private void ensureCapacity(int extra) {
        if (buf.remaining() < extra) {
            int size = Math.max(buf.capacity() * 2, buf.position() + extra);
            ByteBuffer bigger = ByteBuffer.allocate(size);
            buf.flip();
            bigger.put(buf);
            buf = bigger;
        }
    }

    /** Writes the header and CRC; the builder must not be used afterwards. */
    public RecordBatch build() {
        if (count == 0 && lastOffsetDelta < 0) {
            throw new IllegalStateException("a batch needs at least one record");
        }
        int size = buf.position();
        ByteBuffer b = buf.duplicate().order(ByteOrder.BIG_ENDIAN);
        int attributes = compression.id();
        if (compression != CompressionType.NONE) {
            // Everything after recordsCount becomes one compressed blob; the CRC below covers it.
            byte[] packed = compression.compress(
                    buf.array(), buf.arrayOffset() + RecordBatch.HEADER_SIZE, size - RecordBatch.HEADER_SIZE);
            size = RecordBatch.HEADER_SIZE + packed.length;
            b = ByteBuffer.allocate(size).order(ByteOrder.BIG_ENDIAN);
            b.put(RecordBatch.HEADER_SIZE, packed);
        }
        if (transactional) {
            attributes |= RecordBatch.TRANSACTIONAL_FLAG_MASK;
        }
        if (control) {
            attributes |= RecordBatch.CONTROL_FLAG_MASK;
        }
        if (deleteHorizonMs != RecordBatch.NO_TIMESTAMP) {
            attributes |= RecordBatch.DELETE_HORIZON_FLAG_MASK;
        }
        b.putLong(RecordBatch.BASE_OFFSET_OFFSET, baseOffset);
        b.putInt(RecordBatch.LENGTH_OFFSET, size - RecordBatch.LOG_OVERHEAD);
        b.putInt(RecordBatch.PARTITION_LEADER_EPOCH_OFFSET, -1);
        b.put(RecordBatch.MAGIC_OFFSET, RecordBatch.MAGIC);
        b.putShort(RecordBatch.ATTRIBUTES_OFFSET, (short) attributes);
        b.putInt(RecordBatch.LAST_OFFSET_DELTA_OFFSET, Math.max(0, lastOffsetDelta));
        b.putLong(RecordBatch.BASE_TIMESTAMP_OFFSET, baseTimestamp);
        b.putLong(RecordBatch.MAX_TIMESTAMP_OFFSET, maxTimestamp);
        b.putLong(RecordBatch.PRODUCER_ID_OFFSET, producerId);
        b.putShort(RecordBatch.PRODUCER_EPOCH_OFFSET, producerEpoch);
        b.putInt(RecordBatch.BASE_SEQUENCE_OFFSET, baseSequence);
        b.putInt(RecordBatch.RECORDS_COUNT_OFFSET, count);
        CRC32C crc = new CRC32C();
        crc.update(b.duplicate().position(RecordBatch.ATTRIBUTES_OFFSET).limit(size));
        b.putInt(RecordBatch.CRC_OFFSET, (int) crc.getValue());
        ByteBuffer out = b.limit(size).position(0).slice();
        buf = null;
        return RecordBatch.wrap(out);
    }
}
