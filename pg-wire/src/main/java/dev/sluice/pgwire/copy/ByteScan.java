package dev.sluice.pgwire.copy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte searches for the COPY parser, eight bytes at a time (SWAR: "SIMD within a register"): a
 * 100-byte row is scanned in about a dozen steps instead of a hundred. {@code haszero(v) = (v -
 * 0x01..) & ~v & 0x80..} marks the bytes of {@code v} that are zero; its lowest mark is always the
 * first zero byte (later marks may be false, they are never looked at), so in little-endian order
 * {@code numberOfTrailingZeros / 8} is the index of the first match.
 */
final class ByteScan {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private ByteScan() {}

    /** Eight copies of {@code b}, for the {@code pattern} arguments. */
    static long pattern(byte b) {
        return ONES * (b & 0xff);
    }

    /** The index of the first byte in [from, to) equal to x or y, or {@code to}. */
    static int indexOfEither(byte[] a, int from, int to, byte x, long px, byte y, long py) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long w = (long) LONGS.get(a, i);
            long tx = w ^ px;
            long ty = w ^ py;
            long m = (((tx - ONES) & ~tx) | ((ty - ONES) & ~ty)) & HIGHS;
            if (m != 0) {
                return i + (Long.numberOfTrailingZeros(m) >>> 3);
            }
        }
        for (; i < to; i++) {
            byte b = a[i];
            if (b == x || b == y) {
                return i;
            }
        }
        return to;
    }

    /** The index of the first byte in [from, to) equal to x, or {@code to}. */
    static int indexOf(byte[] a, int from, int to, byte x, long px) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long w = (long) LONGS.get(a, i);
            long tx = w ^ px;
            long m = (tx - ONES) & ~tx & HIGHS;
            if (m != 0) {
                return i + (Long.numberOfTrailingZeros(m) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (a[i] == x) {
                return i;
            }
        }
        return to;
    }

    /** Whether every byte in [from, to) is ASCII (below 0x80). */
    static boolean isAscii(byte[] a, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            if (((long) LONGS.get(a, i) & HIGHS) != 0) {
                return false;
            }
        }
        for (; i < to; i++) {
            if (a[i] < 0) {
                return false;
            }
        }
        return true;
    }
}
