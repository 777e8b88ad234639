package dev.sluice.executor.stream;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.util.ByteString;

/**
 * A compact, versioned, self-describing binary encoding of internal values (Calcite's
 * representation, see the package docs) and of rows, used for operator state.
 *
 * <p>Layout: one {@link #VERSION} byte, then one tagged value. A tagged value is a tag byte
 * followed by its payload:
 *
 * <pre>
 *   tag  value                     payload
 *   0    SQL NULL                  -
 *   1    Boolean false             -
 *   2    Boolean true              -
 *   3    Short                     zig-zag varint
 *   4    Integer                   zig-zag varint
 *   5    Long                      zig-zag varint
 *   6    Float                     4 bytes, IEEE 754 bits, big-endian
 *   7    Double                    8 bytes, IEEE 754 bits, big-endian
 *   8    BigDecimal                zig-zag varint scale, varint n, n bytes two's-complement unscaled
 *   9    String                    varint n, n bytes UTF-8
 *   10   ByteString                varint n, n bytes
 *   11   List                      varint n, n tagged values
 *   12   Map                       varint n, n pairs of tagged key, tagged value (iteration order)
 *   13   Object[] (row, STRUCT)    varint n, n tagged values
 * </pre>
 *
 * <p>Varints are unsigned LEB128 (at most 10 bytes); zig-zag keeps small negative numbers short.
 * Decoding returns {@link ArrayList}, {@link LinkedHashMap} and {@code Object[]}; it checks every
 * length against the bytes left and the nesting depth against {@link #MAX_DEPTH}, so corrupt input
 * fails with {@link CorruptValueException} and never allocates beyond the input's size.
 */
public final class ValueCodec {
    /** The format version, the first byte of every encoding. */
    public static final byte VERSION = 1;
    /** The deepest nesting of lists, maps and rows that decodes. */
    public static final int MAX_DEPTH = 64;

    static final int TAG_NULL = 0;
    static final int TAG_FALSE = 1;
    static final int TAG_TRUE = 2;
    static final int TAG_SHORT = 3;
    static final int TAG_INT = 4;
    static final int TAG_LONG = 5;
    static final int TAG_FLOAT = 6;
    static final int TAG_DOUBLE = 7;
    static final int TAG_DECIMAL = 8;
    static final int TAG_STRING = 9;
    static final int TAG_BYTES = 10;
    static final int TAG_LIST = 11;
    static final int TAG_MAP = 12;
    static final int TAG_ROW = 13;

    private ValueCodec() {}

    /** Encodes one value (any internal value, a row, or nested lists/maps/rows of them). */
    public static byte[] encode(Object value) {
        Writer w = new Writer();
        w.byte1(VERSION);
        w.value(value, 0);
        return w.toByteArray();
    }

    /** Encodes a row; {@link #decodeRow} reads it back. */
    public static byte[] encodeRow(Object[] row) {
        return encode(row);
    }

    /** Decodes what {@link #encode} wrote. */
    public static Object decode(byte[] bytes) {
        Reader r = new Reader(bytes);
        if (bytes.length == 0 || r.byte1() != VERSION) {
            throw new CorruptValueException(
                    "Unknown state value version" + (bytes.length == 0 ? " (empty input)" : " " + bytes[0]));
        }
        Object value = r.value(0);
        if (r.pos != bytes.length) {
            throw new CorruptValueException((bytes.length - r.pos) + " trailing bytes after the value");
        }
        return value;
    }

    /** Decodes what {@link #encodeRow} wrote. */
    public static Object[] decodeRow(byte[] bytes) {
        Object value = decode(bytes);
        if (!(value instanceof Object[] row)) {
            throw new CorruptValueException("Expected a row, found " + (value == null ? "NULL" : value.getClass()));
        }
        return row;
    }

    private static final class Writer {
        private byte[] buf = new byte[64];
        private int size;

        private void ensure(int extra) {
            if (size + extra > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
            }
        }

        void byte1(int b) {
            ensure(1);
            buf[size++] = (byte) b;
        }

        void bytes(byte[] b) {
            varint(b.length);
            ensure(b.length);
            System.arraycopy(b, 0, buf, size, b.length);
            size += b.length;
        }

        void varint(long v) {
            ensure(10);
            while ((v & ~0x7FL) != 0) {
                buf[size++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[size++] = (byte) v;
        }

        void zigzag(long v) {
            varint((v << 1) ^ (v >> 63));
        }

        void fixed(long v, int n) {
            ensure(n);
            for (int shift = (n - 1) * 8; shift >= 0; shift -= 8) {
                buf[size++] = (byte) (v >>> shift);
            }
        }

        void value(Object v, int depth) {
            if (depth > MAX_DEPTH) {
                throw new IllegalArgumentException("Value nested deeper than " + MAX_DEPTH);
            }
            if (v == null) {
                byte1(TAG_NULL);
            } else if (v instanceof Boolean b) {
                byte1(b ? TAG_TRUE : TAG_FALSE);
            } else if (v instanceof Integer i) {
                byte1(TAG_INT);
                zigzag(i);
            } else if (v instanceof Long l) {
                byte1(TAG_LONG);
                zigzag(l);
            } else if (v instanceof String s) {
                byte1(TAG_STRING);
                bytes(s.getBytes(StandardCharsets.UTF_8));
            } else if (v instanceof Short s) {
                byte1(TAG_SHORT);
                zigzag(s);
            } else if (v instanceof Float f) {
                byte1(TAG_FLOAT);
                fixed(Float.floatToRawIntBits(f), 4);
            } else if (v instanceof Double d) {
                byte1(TAG_DOUBLE);
                fixed(Double.doubleToRawLongBits(d), 8);
            } else if (v instanceof BigDecimal d) {
                byte1(TAG_DECIMAL);
                zigzag(d.scale());
                bytes(d.unscaledValue().toByteArray());
            } else if (v instanceof ByteString b) {
                byte1(TAG_BYTES);
                bytes(b.getBytes());
            } else if (v instanceof List<?> list) {
                byte1(TAG_LIST);
                varint(list.size());
                for (Object e : list) {
                    value(e, depth + 1);
                }
            } else if (v instanceof Map<?, ?> map) {
                byte1(TAG_MAP);
                varint(map.size());
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    value(e.getKey(), depth + 1);
                    value(e.getValue(), depth + 1);
                }
            } else if (v instanceof Object[] row) {
                byte1(TAG_ROW);
                varint(row.length);
                for (Object e : row) {
                    value(e, depth + 1);
                }
            } else {
                throw new IllegalArgumentException(
                        "Not an internal value: " + v.getClass().getName());
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, size);
        }
    }

    private static final class Reader {
        private final byte[] buf;
        private int pos;

        Reader(byte[] buf) {
            this.buf = buf;
        }

        int byte1() {
            if (pos >= buf.length) {
                throw new CorruptValueException("Value cut short at byte " + pos);
            }
            return buf[pos++] & 0xFF;
        }

        long varint() {
            long v = 0;
            for (int shift = 0; shift < 70; shift += 7) {
                int b = byte1();
                if (shift == 63 && (b & 0x7E) != 0) {
                    throw new CorruptValueException("Varint overflows 64 bits at byte " + (pos - 1));
                }
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
            throw new CorruptValueException("Varint longer than 10 bytes at byte " + pos);
        }

        long zigzag() {
            long v = varint();
            return (v >>> 1) ^ -(v & 1);
        }

        int zigzagInt(long min, long max, String what) {
            long v = zigzag();
            if (v < min || v > max) {
                throw new CorruptValueException(what + " out of range: " + v);
            }
            return (int) v;
        }

        /** A count of items each taking at least {@code minBytes} bytes, checked against what is left. */
        int count(int minBytes) {
            long n = varint();
            if (n < 0 || n > (long) (buf.length - pos) / minBytes) {
                throw new CorruptValueException("Length " + n + " exceeds the " + (buf.length - pos) + " bytes left");
            }
            return (int) n;
        }

        byte[] bytes() {
            int n = count(1);
            byte[] b = Arrays.copyOfRange(buf, pos, pos + n);
            pos += n;
            return b;
        }

        long fixed(int n) {
            if (buf.length - pos < n) {
                throw new CorruptValueException("Value cut short at byte " + pos);
            }
            long v = 0;
            for (int i = 0; i < n; i++) {
                v = (v << 8) | (buf[pos++] & 0xFF);
            }
            return v;
        }

        Object value(int depth) {
            if (depth > MAX_DEPTH) {
                throw new CorruptValueException("Value nested deeper than " + MAX_DEPTH);
            }
            int tag = byte1();
            switch (tag) {
                case TAG_NULL:
                    return null;
                case TAG_FALSE:
                    return Boolean.FALSE;
                case TAG_TRUE:
                    return Boolean.TRUE;
                case TAG_SHORT:
                    return (short) zigzagInt(Short.MIN_VALUE, Short.MAX_VALUE, "SMALLINT");
                case TAG_INT:
                    return zigzagInt(Integer.MIN_VALUE, Integer.MAX_VALUE, "INT");
                case TAG_LONG:
                    return zigzag();
                case TAG_FLOAT:
                    return Float.intBitsToFloat((int) fixed(4));
                case TAG_DOUBLE:
                    return Double.longBitsToDouble(fixed(8));
                case TAG_DECIMAL: {
                    int scale = zigzagInt(Integer.MIN_VALUE, Integer.MAX_VALUE, "DECIMAL scale");
                    byte[] unscaled = bytes();
                    if (unscaled.length == 0) {
                        throw new CorruptValueException("DECIMAL without digits");
                    }
                    return new BigDecimal(new BigInteger(unscaled), scale);
                }
                case TAG_STRING: {
                    int n = count(1);
                    String s = new String(buf, pos, n, StandardCharsets.UTF_8);
                    pos += n;
                    return s;
                }
                case TAG_BYTES:
                    return new ByteString(bytes());
                case TAG_LIST: {
                    int n = count(1);
                    List<Object> list = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        list.add(value(depth + 1));
                    }
                    return list;
                }
                case TAG_MAP: {
                    int n = count(2);
                    Map<Object, Object> map = new LinkedHashMap<>();
                    for (int i = 0; i < n; i++) {
                        Object k = value(depth + 1);
                        map.put(k, value(depth + 1));
                    }
                    return map;
                }
                case TAG_ROW: {
                    int n = count(1);
                    Object[] row = new Object[n];
                    for (int i = 0; i < n; i++) {
                        row[i] = value(depth + 1);
                    }
                    return row;
                }
                default:
                    throw new CorruptValueException("Unknown value tag " + tag + " at byte " + (pos - 1));
            }
        }
    }
}
