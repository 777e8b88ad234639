package dev.sluice.logengine.record;

import java.nio.ByteBuffer;

/**
 * Walks the records of one {@link RecordBatch} without allocating: {@link #next()} decodes the next
 * record's fields into this object, whose accessors then describe it. Key and value stay in place;
 * {@link #keyPosition()}/{@link #valuePosition()} index into {@link #buffer()}: the batch bytes, or for
 * a compressed batch its decompressed records. The {@link
 * RecordBatch#iterator()} makes a {@link Record} and two buffer views per record; a consumer that only
 * needs the value bytes (or a few fields) reads them here instead.
 *
 * <p>Checks are the iterator's: a length that runs past its record or batch, a varint longer than its
 * type, or a record whose fields do not add up to its length throws {@link CorruptRecordException}.
 * Headers are validated and skipped; {@link #headerCount()} says how many there were.
 *
 * <p>Usage: {@code for (RecordCursor c = batch.cursor(); c.next(); ) { use(c.offset(), c.valueLength()); }}
 * Not thread-safe; one cursor per batch.
 */
public final class RecordCursor {
    private final ByteBuffer buf;
    private final long baseOffset;
    private final long baseTimestamp;
    private final int count;
    private final int limit;
    private int pos;
    private int read;

    private long offset;
    private long timestamp;
    private byte changeKind;
    private int keyPosition;
    private int keyLength;
    private int valuePosition;
    private int valueLength;
    private int headerCount;

    RecordCursor(ByteBuffer bytes, int recordsStart, long baseOffset, long baseTimestamp, int count) {
        this.buf = bytes;
        this.baseOffset = baseOffset;
        this.baseTimestamp = baseTimestamp;
        this.count = count;
        this.limit = bytes.limit();
        this.pos = recordsStart;
    }

    /** Decodes the next record; false when the batch has no more. */
    public boolean next() {
        if (read >= count) {
            return false;
        }
        read++;
        try {
            decode();
        } catch (IndexOutOfBoundsException e) {
            throw new CorruptRecordException("record runs past the end of its batch");
        }
        return true;
    }

    private void decode() {
        int length = readVarint();
        int end = pos + length;
        if (length < 0 || end > limit) {
            throw new CorruptRecordException("record length " + length + " runs past the batch");
        }
        changeKind = buf.get(pos++);
        timestamp = baseTimestamp + readVarlong();
        offset = baseOffset + readVarint();
        keyLength = readVarint();
        keyPosition = pos;
        skip(keyLength, end);
        valueLength = readVarint();
        valuePosition = pos;
        skip(valueLength, end);
        headerCount = readVarint();
        if (headerCount < 0) {
            throw new CorruptRecordException("negative header count");
        }
        for (int i = 0; i < headerCount; i++) {
            int k = readVarint();
            if (k < 0) {
                throw new CorruptRecordException("null header key");
            }
            skip(k, end);
            skip(readVarint(), end);
        }
        if (pos != end) {
            throw new CorruptRecordException("record length does not match its fields");
        }
    }

    private void skip(int len, int end) {
        if (len < 0) {
            return; // null
        }
        if (pos + len > end || pos + len < pos) {
            throw new CorruptRecordException("field length " + len + " runs past its record");
        }
        pos += len;
    }

    private int readVarint() {
        byte b = buf.get(pos++);
        if (b >= 0) {
            return (b >>> 1) ^ -(b & 1);
        }
        int value = b & 0x7f;
        for (int shift = 7; ; shift += 7) {
            if (shift > 28) {
                throw new CorruptRecordException("varint longer than 5 bytes");
            }
            b = buf.get(pos++);
            value |= (b & 0x7f) << shift;
            if (b >= 0) {
                return (value >>> 1) ^ -(value & 1);
            }
        }
    }

    private long readVarlong() {
        byte b = buf.get(pos++);
        if (b >= 0) {
            return (b >>> 1) ^ -(b & 1);
        }
        long value = b & 0x7f;
        for (int shift = 7; ; shift += 7) {
            if (shift > 63) {
                throw new CorruptRecordException("varlong longer than 10 bytes");
            }
            b = buf.get(pos++);
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return (value >>> 1) ^ -(value & 1L);
            }
        }
    }

    public long offset() {
        return offset;
    }

    public long timestamp() {
        return timestamp;
    }

    /** The record attributes byte: Sluice's row change kind (0..3). */
    public byte changeKind() {
        return changeKind;
    }

    /** The bytes the positions index: the batch (uncompressed) or its decompressed records; read only. */
    public ByteBuffer buffer() {
        return buf;
    }

    /** Key length, or -1 for a null key. */
    public int keyLength() {
        return keyLength;
    }

    public int keyPosition() {
        return keyPosition;
    }

    /** Value length, or -1 for a null value (a tombstone). */
    public int valueLength() {
        return valueLength;
    }

    public int valuePosition() {
        return valuePosition;
    }

    public int headerCount() {
        return headerCount;
    }

    /** Copies the key out, or returns null. */
    public byte[] keyBytes() {
        return copy(keyPosition, keyLength);
    }

    /** Copies the value out, or returns null. */
    public byte[] valueBytes() {
        return copy(valuePosition, valueLength);
    }

    private byte[] copy(int at, int len) {
        if (len < 0) {
            return null;
        }
        byte[] out = new byte[len];
        buf.get(at, out);
        return out;
    }
}
