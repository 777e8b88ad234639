package dev.sluice.executor.codec;

/** Reads what {@link ByteWriter} wrote; every read is bounds-checked and fails as {@link CorruptRowException}. */
final class ByteReader {
    private final byte[] buf;
    private int pos;
    private final int end;

    ByteReader(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
    }

    private void need(int n) {
        if (n < 0 || pos + n > end) {
            throw new CorruptRowException("row is truncated at byte " + pos);
        }
    }

    int read() {
        need(1);
        return buf[pos++] & 0xFF;
    }

    byte[] readBytes(int n) {
        need(n);
        byte[] out = new byte[n];
        System.arraycopy(buf, pos, out, 0, n);
        pos += n;
        return out;
    }

    String readUtf8(int n) {
        need(n);
        String s = new String(buf, pos, n, java.nio.charset.StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    long readLongBigEndian() {
        need(8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (buf[pos++] & 0xFF);
        }
        return v;
    }

    int readIntBigEndian() {
        need(4);
        int v = 0;
        for (int i = 0; i < 4; i++) {
            v = (v << 8) | (buf[pos++] & 0xFF);
        }
        return v;
    }

    long readUnsignedVarLong() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = read();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new CorruptRowException("varint longer than 10 bytes at byte " + pos);
    }

    long readVarLong() {
        long raw = readUnsignedVarLong();
        return (raw >>> 1) ^ -(raw & 1);
    }

    /** A byte length: a varint that must fit what remains of the buffer. */
    int readLength() {
        long n = readUnsignedVarLong();
        // A varint with its top bit set reads as a negative long: corrupt, never a length.
        if (n < 0 || n > end - pos) {
            throw new CorruptRowException("length " + n + " exceeds the remaining " + (end - pos) + " bytes");
        }
        return (int) n;
    }

    /**
     * An element count followed by its null bitmap: every element costs at least its bitmap bit, so
     * the bitmap must fit what remains (an array of 100 NULLs is 13 bytes).
     */
    int readCount() {
        long n = readUnsignedVarLong();
        if (n < 0 || (n + 7) / 8 > end - pos) {
            throw new CorruptRowException(
                    "element count " + n + " does not fit the remaining " + (end - pos) + " bytes");
        }
        return (int) n;
    }

    boolean bit(int bitmapOffset, int bit) {
        return (buf[bitmapOffset + (bit >>> 3)] & (1 << (bit & 7))) != 0;
    }

    int position() {
        return pos;
    }

    void skip(int n) {
        need(n);
        pos += n;
    }

    boolean atEnd() {
        return pos == end;
    }
}
