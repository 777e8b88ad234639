package dev.sluice.executor.codec;

import java.util.Arrays;

/** A growable byte buffer with the varint helpers both codecs use. Not thread-safe. */
final class ByteWriter {
    private byte[] buf;
    private int size;

    ByteWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    private void ensure(int extra) {
        if (size + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
        }
    }

    void write(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    void write(byte[] bytes) {
        write(bytes, 0, bytes.length);
    }

    void write(byte[] bytes, int off, int len) {
        ensure(len);
        System.arraycopy(bytes, off, buf, size, len);
        size += len;
    }

    void writeLongBigEndian(long v) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[size++] = (byte) (v >>> shift);
        }
    }

    void writeIntBigEndian(int v) {
        ensure(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            buf[size++] = (byte) (v >>> shift);
        }
    }

    /** Unsigned LEB128 varint. */
    void writeUnsignedVarLong(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
    }

    /** Zig-zag varint: small negative numbers stay small. */
    void writeVarLong(long v) {
        writeUnsignedVarLong((v << 1) ^ (v >> 63));
    }

    /** Reserves {@code n} zero bytes and returns their offset, for a bitmap filled in later. */
    int reserve(int n) {
        ensure(n);
        int at = size;
        Arrays.fill(buf, size, size + n, (byte) 0);
        size += n;
        return at;
    }

    void setBit(int byteOffset, int bit) {
        buf[byteOffset + (bit >>> 3)] |= (byte) (1 << (bit & 7));
    }

    /** Drops everything after the first {@code newSize} bytes. */
    void truncate(int newSize) {
        size = newSize;
    }

    int size() {
        return size;
    }

    /** The backing array, valid up to {@link #size()}. */
    byte[] array() {
        return buf;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
