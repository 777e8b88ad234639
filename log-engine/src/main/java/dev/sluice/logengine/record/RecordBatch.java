package dev.sluice.logengine.record;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.zip.CRC32C;

/**
 * A read-only view of one Kafka v2 ("magic 2") record batch. The batch is the unit of append, CRC,
 * fsync and (later) replication; its bytes are identical on disk, in memory and on a Kafka wire, so a
 * Kafka backend can pass them through unchanged. All integers are big-endian.
 *
 * <pre>
 * off len field                  notes
 *   0   8 baseOffset             assigned by the log on append; records carry deltas
 *   8   4 batchLength            bytes after this field (total size - 12)
 *  12   4 partitionLeaderEpoch   not covered by the CRC (a leader may stamp it)
 *  16   1 magic                  2
 *  17   4 crc                    CRC-32C of bytes [21, end): attributes..end
 *  21   2 attributes             bits 0-2 codec ({@link CompressionType}), 3 timestamp type,
 *                                4 transactional, 5 control, 6 delete horizon set
 *  23   4 lastOffsetDelta        offset of the last record minus baseOffset
 *  27   8 baseTimestamp          or the delete horizon when bit 6 is set (compaction)
 *  35   8 maxTimestamp
 *  43   8 producerId             -1 when not idempotent
 *  51   2 producerEpoch          -1
 *  53   4 baseSequence           -1
 *  57   4 recordsCount
 *  61     records...            when compressed: one blob of the codec holding the records
 * </pre>
 *
 * Each record: {@code length varint, attributes int8, timestampDelta varlong, offsetDelta varint,
 * keyLength varint (-1 = null), key, valueLength varint (-1 = null = tombstone), value, headerCount
 * varint, headers [keyLength varint, key utf8, valueLength varint, value]}. Sluice stores the row
 * change kind (0..3) in the record attributes byte, which Kafka leaves unused.
 */
public final class RecordBatch {
    public static final int BASE_OFFSET_OFFSET = 0;
    public static final int BASE_OFFSET_LENGTH = 8;
    public static final int LENGTH_OFFSET = BASE_OFFSET_OFFSET + BASE_OFFSET_LENGTH;
    public static final int LENGTH_LENGTH = 4;
    public static final int PARTITION_LEADER_EPOCH_OFFSET = LENGTH_OFFSET + LENGTH_LENGTH;
    public static final int PARTITION_LEADER_EPOCH_LENGTH = 4;
    public static final int MAGIC_OFFSET = PARTITION_LEADER_EPOCH_OFFSET + PARTITION_LEADER_EPOCH_LENGTH;
    public static final int MAGIC_LENGTH = 1;
    public static final int CRC_OFFSET = MAGIC_OFFSET + MAGIC_LENGTH;
    public static final int CRC_LENGTH = 4;
    public static final int ATTRIBUTES_OFFSET = CRC_OFFSET + CRC_LENGTH;
    public static final int ATTRIBUTES_LENGTH = 2;
    public static final int LAST_OFFSET_DELTA_OFFSET = ATTRIBUTES_OFFSET + ATTRIBUTES_LENGTH;
    public static final int LAST_OFFSET_DELTA_LENGTH = 4;
    public static final int BASE_TIMESTAMP_OFFSET = LAST_OFFSET_DELTA_OFFSET + LAST_OFFSET_DELTA_LENGTH;
    public static final int BASE_TIMESTAMP_LENGTH = 8;
    public static final int MAX_TIMESTAMP_OFFSET = BASE_TIMESTAMP_OFFSET + BASE_TIMESTAMP_LENGTH;
    public static final int MAX_TIMESTAMP_LENGTH = 8;
    public static final int PRODUCER_ID_OFFSET = MAX_TIMESTAMP_OFFSET + MAX_TIMESTAMP_LENGTH;
    public static final int PRODUCER_ID_LENGTH = 8;
    public static final int PRODUCER_EPOCH_OFFSET = PRODUCER_ID_OFFSET + PRODUCER_ID_LENGTH;
    public static final int PRODUCER_EPOCH_LENGTH = 2;
    public static final int BASE_SEQUENCE_OFFSET = PRODUCER_EPOCH_OFFSET + PRODUCER_EPOCH_LENGTH;
    public static final int BASE_SEQUENCE_LENGTH = 4;
    public static final int RECORDS_COUNT_OFFSET = BASE_SEQUENCE_OFFSET + BASE_SEQUENCE_LENGTH;
    public static final int RECORDS_COUNT_LENGTH = 4;
    public static final int RECORDS_OFFSET = RECORDS_COUNT_OFFSET + RECORDS_COUNT_LENGTH;
    /** Size of the batch header: 61 bytes. */
    public static final int HEADER_SIZE = RECORDS_OFFSET;
    /** Bytes before and including the length field: a reader needs these to frame a batch. */
    public static final int LOG_OVERHEAD = LENGTH_OFFSET + LENGTH_LENGTH;

    public static final byte MAGIC = 2;
    public static final int COMPRESSION_CODEC_MASK = 0x07;
    public static final int TIMESTAMP_TYPE_MASK = 0x08;
    public static final int TRANSACTIONAL_FLAG_MASK = 0x10;
    public static final int CONTROL_FLAG_MASK = 0x20;
    public static final int DELETE_HORIZON_FLAG_MASK = 0x40;

    public static final long NO_PRODUCER_ID = -1L;
    public static final short NO_PRODUCER_EPOCH = -1;
    public static final int NO_SEQUENCE = -1;
    public static final long NO_TIMESTAMP = -1L;

    private final ByteBuffer buffer;
    /** The decompressed records of a compressed batch, decoded once on first use (a benign race). */
    private volatile ByteBuffer decompressed;

    private RecordBatch(ByteBuffer buffer) {
        this.buffer = buffer;
    }

    /**
     * Wraps the batch that starts at {@code buffer.position()}. The view covers exactly the framed
     * size; the header is checked for plausibility (magic, length), not the CRC ({@link #ensureValid()}).
     */
    public static RecordBatch wrap(ByteBuffer buffer) {
        ByteBuffer b = buffer.slice().order(ByteOrder.BIG_ENDIAN);
        if (b.remaining() < HEADER_SIZE) {
            throw new CorruptRecordException("batch shorter than its 61-byte header: " + b.remaining());
        }
        int size = LOG_OVERHEAD + b.getInt(LENGTH_OFFSET);
        if (size < HEADER_SIZE || size > b.remaining()) {
            throw new CorruptRecordException("batch length " + size + " outside [61, " + b.remaining() + "]");
        }
        if (b.get(MAGIC_OFFSET) != MAGIC) {
            throw new CorruptRecordException("unsupported magic " + b.get(MAGIC_OFFSET));
        }
        return new RecordBatch(b.limit(size).slice());
    }

    /**
     * Splits a buffer of concatenated batches into views. Stops, without error, at a trailing partial
     * batch (a fetch may end mid-batch); a batch with an impossible header throws.
     */
    public static List<RecordBatch> splitAll(ByteBuffer buffer) {
        List<RecordBatch> out = new ArrayList<>();
        ByteBuffer b = buffer.duplicate().order(ByteOrder.BIG_ENDIAN);
        while (b.remaining() >= LOG_OVERHEAD) {
            int size = LOG_OVERHEAD + b.getInt(b.position() + LENGTH_OFFSET);
            if (size > b.remaining()) {
                break;
            }
            out.add(wrap(b));
            b.position(b.position() + size);
        }
        return out;
    }

    /** A duplicate of the batch bytes, position 0 at the batch start. */
    public ByteBuffer buffer() {
        return buffer.duplicate();
    }

    public int sizeInBytes() {
        return buffer.limit();
    }

    public long baseOffset() {
        return buffer.getLong(BASE_OFFSET_OFFSET);
    }

    public long lastOffset() {
        return baseOffset() + lastOffsetDelta();
    }

    public long nextOffset() {
        return lastOffset() + 1;
    }

    public int lastOffsetDelta() {
        return buffer.getInt(LAST_OFFSET_DELTA_OFFSET);
    }

    public int partitionLeaderEpoch() {
        return buffer.getInt(PARTITION_LEADER_EPOCH_OFFSET);
    }

    public byte magic() {
        return buffer.get(MAGIC_OFFSET);
    }

    public long checksum() {
        return Integer.toUnsignedLong(buffer.getInt(CRC_OFFSET));
    }

    public short attributes() {
        return buffer.getShort(ATTRIBUTES_OFFSET);
    }

    public int compressionCodec() {
        return attributes() & COMPRESSION_CODEC_MASK;
    }

    /** The codec of the records; throws {@link CorruptRecordException} for an unknown id (5-7). */
    public CompressionType compressionType() {
        return CompressionType.forId(compressionCodec());
    }

    public boolean isCompressed() {
        return compressionCodec() != 0;
    }

    public boolean isTransactional() {
        return (attributes() & TRANSACTIONAL_FLAG_MASK) != 0;
    }

    public boolean isControl() {
        return (attributes() & CONTROL_FLAG_MASK) != 0;
    }

    public boolean hasDeleteHorizon() {
        return (attributes() & DELETE_HORIZON_FLAG_MASK) != 0;
    }

    public long baseTimestamp() {
        return buffer.getLong(BASE_TIMESTAMP_OFFSET);
    }

    /** The time after which compaction may drop this batch's tombstones, or -1 if not yet set. */
    public long deleteHorizonMs() {
        return hasDeleteHorizon() ? baseTimestamp() : NO_TIMESTAMP;
    }

    public long maxTimestamp() {
        return buffer.getLong(MAX_TIMESTAMP_OFFSET);
    }

    public long producerId() {
        return buffer.getLong(PRODUCER_ID_OFFSET);
    }

    public short producerEpoch() {
        return buffer.getShort(PRODUCER_EPOCH_OFFSET);
    }

    public int baseSequence() {
        return buffer.getInt(BASE_SEQUENCE_OFFSET);
    }

    /** Last sequence number; sequences wrap from Integer.MAX_VALUE to 0 as in Kafka. */
    public int lastSequence() {
        int base = baseSequence();
        if (base == NO_SEQUENCE) {
            return NO_SEQUENCE;
        }
        long last = (long) base + lastOffsetDelta();
        return (int) (last > Integer.MAX_VALUE ? last - Integer.MAX_VALUE - 1 : last);
    }

    public boolean hasProducerId() {
        return producerId() != NO_PRODUCER_ID;
    }

    public int recordCount() {
        return buffer.getInt(RECORDS_COUNT_OFFSET);
    }

    /** CRC-32C over attributes..end, computed now. */
    public long computeChecksum() {
        CRC32C crc = new CRC32C();
        crc.update(buffer.duplicate().position(ATTRIBUTES_OFFSET));
        return crc.getValue();
    }

    public boolean isValid() {
        return sizeInBytes() >= HEADER_SIZE && magic() == MAGIC && checksum() == computeChecksum();
    }

    public void ensureValid() {
        if (magic() != MAGIC) {
            throw new CorruptRecordException("unsupported magic " + magic());
        }
        long stored = checksum();
        long computed = computeChecksum();
        if (stored != computed) {
            throw new CorruptRecordException(
                    "batch at offset " + baseOffset() + " has CRC " + stored + " but its bytes give " + computed);
        }
        compressionType(); // an unknown codec id is corrupt; the blob itself is checked when decoded
        if (recordCount() < 0 || lastOffsetDelta() < 0) {
            throw new CorruptRecordException("negative record count or offset delta");
        }
    }

    /**
     * Overwrites the base offset in the given batch bytes (position 0 = batch start). The base offset is
     * outside the CRC, so the log can assign offsets without recomputing it.
     */
    public static void setBaseOffset(ByteBuffer batchBytes, long baseOffset) {
        batchBytes.putLong(batchBytes.position() + BASE_OFFSET_OFFSET, baseOffset);
    }

    /**
     * The bytes the records are decoded from: the batch itself (records from {@link #RECORDS_OFFSET})
     * when uncompressed; otherwise the decompressed records (from position 0), decompressed on first
     * use and kept.
     */
    private ByteBuffer recordBytes() {
        if (!isCompressed()) {
            return buffer.duplicate().position(RECORDS_OFFSET);
        }
        ByteBuffer d = decompressed;
        if (d == null) {
            d = compressionType().decompress(buffer.duplicate().position(RECORDS_OFFSET));
            decompressed = d;
        }
        return d.duplicate();
    }

    /**
     * Iterates the records, decoding lazily (a compressed batch is decompressed first). Throws {@link
     * CorruptRecordException} on malformed bytes.
     */
    public Iterator<Record> iterator() {
        ByteBuffer in = recordBytes();
        long baseOffset = baseOffset();
        long baseTimestamp = baseTimestamp();
        int count = recordCount();
        return new Iterator<>() {
            int read;

            @Override
            public boolean hasNext() {
                return read < count;
            }

            @Override
            public Record next() {
                if (read >= count) {
                    throw new NoSuchElementException();
                }
                read++;
                return readRecord(in, baseOffset, baseTimestamp);
            }
        };
    }

    /** A cursor over the records that allocates nothing per record; see {@link RecordCursor}. */
    public RecordCursor cursor() {
        ByteBuffer in = recordBytes();
        return new RecordCursor(in.slice(0, in.limit()), in.position(), baseOffset(), baseTimestamp(), recordCount());
    }

    /**
     * The same records re-encoded with another codec: producer fields, sequence, transactional flag,
     * delete horizon, offset deltas, timestamps and headers are kept, so the log can store a client's
     * batch with the topic's codec without changing what it means. Returns this batch if the codec
     * already matches.
     */
    public RecordBatch withCompression(CompressionType codec) {
        if (codec == compressionType()) {
            return this;
        }
        if (isControl()) {
            throw new IllegalArgumentException("control batches are never compressed");
        }
        // The records section is the same bytes whichever the codec: (de)compress it, copy the header
        // with the new codec bits, and seal it with a new length and CRC.
        ByteBuffer records = recordBytes();
        byte[] raw = new byte[records.remaining()];
        records.get(raw);
        byte[] packed = codec == CompressionType.NONE ? raw : codec.compress(raw, 0, raw.length);
        int size = HEADER_SIZE + packed.length;
        ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.BIG_ENDIAN);
        out.put(buffer.duplicate().position(0).limit(HEADER_SIZE)).put(packed).flip();
        out.putInt(LENGTH_OFFSET, size - LOG_OVERHEAD);
        out.putShort(ATTRIBUTES_OFFSET, (short) ((attributes() & ~COMPRESSION_CODEC_MASK) | codec.id()));
        CRC32C crc = new CRC32C();
        crc.update(out.duplicate().position(ATTRIBUTES_OFFSET));
        out.putInt(CRC_OFFSET, (int) crc.getValue());
        return wrap(out);
    }

    public List<Record> records() {
        List<Record> out = new ArrayList<>(Math.max(0, recordCount()));
        iterator().forEachRemaining(out::add);
        return out;
    }

    private static Record readRecord(ByteBuffer in, long baseOffset, long baseTimestamp) {
        try {
            int length = Varints.readVarint(in);
            int end = in.position() + length;
            if (length < 0 || end > in.limit()) {
                throw new CorruptRecordException("record length " + length + " runs past the batch");
            }
            byte attributes = in.get();
            long timestamp = baseTimestamp + Varints.readVarlong(in);
            long offset = baseOffset + Varints.readVarint(in);
            ByteBuffer key = readBytes(in, end);
            ByteBuffer value = readBytes(in, end);
            int headerCount = Varints.readVarint(in);
            if (headerCount < 0) {
                throw new CorruptRecordException("negative header count");
            }
            List<Header> headers = List.of();
            if (headerCount > 0) {
                Header[] hs = new Header[headerCount];
                for (int i = 0; i < headerCount; i++) {
                    ByteBuffer hk = readBytes(in, end);
                    if (hk == null) {
                        throw new CorruptRecordException("null header key");
                    }
                    byte[] keyBytes = new byte[hk.remaining()];
                    hk.get(keyBytes);
                    ByteBuffer hv = readBytes(in, end);
                    byte[] valueBytes = null;
                    if (hv != null) {
                        valueBytes = new byte[hv.remaining()];
                        hv.get(valueBytes);
                    }
                    hs[i] = new Header(new String(keyBytes, java.nio.charset.StandardCharsets.UTF_8), valueBytes);
                }
                headers = List.of(hs);
            }
            if (in.position() != end) {
                throw new CorruptRecordException("record length does not match its fields");
            }
            return new Record(offset, timestamp, attributes, key, value, headers);
        } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new CorruptRecordException("record runs past the end of its batch");
        }
    }

    private static ByteBuffer readBytes(ByteBuffer in, int end) {
        int len = Varints.readVarint(in);
        if (len < 0) {
            return null;
        }
        if (in.position() + len > end) {
            throw new CorruptRecordException("field length " + len + " runs past its record");
        }
        ByteBuffer out = in.slice(in.position(), len); // a view: callers must not write to it
        in.position(in.position() + len);
        return out;
    }

    @Override
    public String toString() {
        return "RecordBatch[offsets=" + baseOffset() + ".." + lastOffset() + ", records=" + recordCount() + ", size="
                + sizeInBytes() + ", pid=" + producerId() + ", seq=" + baseSequence()
                + (isTransactional() ? ", txn" : "") + (isControl() ? ", control" : "") + "]";
    }
}
