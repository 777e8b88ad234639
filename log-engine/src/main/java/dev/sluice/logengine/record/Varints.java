package dev.sluice.logengine.record;

import java.nio.ByteBuffer;

/**
 * Zig-zag base-128 variable-length integers, the encoding Kafka's v2 records use (protobuf style):
 * {@code (v << 1) ^ (v >> 31)}, then seven bits per byte, least significant group first, high bit set
 * on every byte but the last.
 */
public final class Varints {
    private Varints() {}

    public static int sizeOfVarint(int value) {
        int v = (value << 1) ^ (value >> 31);
        int bytes = 1;
        while ((v & 0xffffff80) != 0) {
            bytes++;
            v >>>= 7;
        }
        return bytes;
    }

    public static int sizeOfVarlong(long value) {
        long v = (value << 1) ^ (value >> 63);
        int bytes = 1;
        while ((v & 0xffffffffffffff80L) != 0L) {
            bytes++;
            v >>>= 7;
        }
        return bytes;
    }

    public static void writeVarint(int value, ByteBuffer out) {
        int v = (value << 1) ^ (value >> 31);
        while ((v & 0xffffff80) != 0) {
            out.put((byte) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.put((byte) v);
    }

    public static void writeVarlong(long value, ByteBuffer out) {
        long v = (value << 1) ^ (value >> 63);
        while ((v & 0xffffffffffffff80L) != 0L) {
            out.put((byte) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.put((byte) v);
    }

    /** Reads a varint; throws {@link CorruptRecordException} if it runs longer than five bytes. */
    public static int readVarint(ByteBuffer in) {
        int p = in.position();
        byte first = in.get(p);
        if (first >= 0) { // one byte: most lengths, deltas and counts of small records
            in.position(p + 1);
            return (first >>> 1) ^ -(first & 1);
        }
        int value = 0;
        int shift = 0;
        while (true) {
            byte b = in.get();
            value |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            shift += 7;
            if (shift > 28) {
                throw new CorruptRecordException("varint longer than 5 bytes");
            }
        }
        return (value >>> 1) ^ -(value & 1);
    }

    public static long readVarlong(ByteBuffer in) {
        int p = in.position();
        byte first = in.get(p);
        if (first >= 0) {
            in.position(p + 1);
            return (first >>> 1) ^ -(first & 1);
        }
        long value = 0L;
        int shift = 0;
        while (true) {
            byte b = in.get();
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            shift += 7;
            if (shift > 63) {
                throw new CorruptRecordException("varlong longer than 10 bytes");
            }
        }
        return (value >>> 1) ^ -(value & 1);
    }
}
