package dev.sluice.executor.codec;

import dev.sluice.common.SluiceException;
import dev.sluice.common.types.Interval;
import dev.sluice.common.types.SqlType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Memcomparable key encoding: for keys of the same types, comparing the encoded bytes as unsigned
 * bytes gives the same order as comparing the SQL values, and equal values give equal bytes. RocksDB
 * state orders and seeks by these bytes; partitioning hashes them, so equal keys always land in the
 * same partition whatever their Java representation.
 *
 * <p>Each column: a marker byte {@code 0x00} for NULL (NULLs sort first) or {@code 0x01} followed by
 * the value:
 *
 * <pre>
 * BOOLEAN                 1 byte 0 / 1
 * SMALLINT, INT, BIGINT   2 / 4 / 8 bytes big-endian with the sign bit flipped
 * REAL, DOUBLE            IEEE bits big-endian; positive: sign bit flipped, negative: all bits
 *                         flipped; -0.0 is written as 0.0, every NaN as the one canonical NaN
 *                         (greater than every number, as in PostgreSQL)
 * DECIMAL                 sign class 0x00 negative, 0x01 zero, 0x02 positive; then for non-zero
 *                         values the decimal exponent (4 bytes, sign flipped) and the significant
 *                         digits as bytes 1..10, ended by 0x00; all of it bit-inverted if negative.
 *                         Equal numbers with different scales (1.0, 1.00) encode equally.
 * VARCHAR, TEXT, JSONB,   the bytes (UTF-8 for strings) with 0x00 escaped as 0x00 0xFF, ended by
 * BYTEA                   0x00 0x01 (so a prefix sorts before its extensions)
 * DATE                    8 bytes days since the epoch, sign flipped
 * TIME                    8 bytes nanoseconds of the day
 * TIMESTAMP, TIMESTAMPTZ  8 bytes epoch seconds (UTC), sign flipped, 4 bytes nanoseconds
 * INTERVAL                8 bytes approximate microseconds (month = 30 days), sign flipped, then
 *                         months, days, microseconds the same way, to tell apart equal lengths
 * ARRAY                   per element 0x01 (NULL) or 0x02 + element; ended by 0x00
 * STRUCT                  the fields, each as a column
 * </pre>
 *
 * <p>MAP values have no order and cannot be keys. Strings compare by code point (the "C"
 * collation), which is what state ordering needs; user-facing ORDER BY uses its own comparator.
 */
public final class KeyCodec {
    private static final int NULL_MARKER = 0x00;
    private static final int VALUE_MARKER = 0x01;

    private KeyCodec() {}

    /** Encodes the key columns {@code values} of the given types, in order. */
    public static byte[] encode(List<SqlType> types, Object[] values) {
        if (types.size() != values.length) {
            throw new IllegalArgumentException("key has " + values.length + " values but " + types.size() + " types");
        }
        ByteWriter out = new ByteWriter(8 + values.length * 9);
        for (int i = 0; i < values.length; i++) {
            writeColumn(out, types.get(i), values[i]);
        }
        return out.toByteArray();
    }

    /** Encodes a single-column key. */
    public static byte[] encode(SqlType type, Object value) {
        ByteWriter out = new ByteWriter(10);
        writeColumn(out, type, value);
        return out.toByteArray();
    }

    private static void writeColumn(ByteWriter out, SqlType type, Object value) {
        if (value == null) {
            out.write(NULL_MARKER);
            return;
        }
        out.write(VALUE_MARKER);
        writeValue(out, type, value);
    }

    private static void writeValue(ByteWriter out, SqlType type, Object value) {
        switch (type.kind()) {
            case BOOLEAN -> out.write((Boolean) value ? 1 : 0);
            case SMALLINT -> {
                short v = (Short) value;
                out.write(((v >>> 8) & 0xFF) ^ 0x80);
                out.write(v & 0xFF);
            }
            case INT -> out.writeIntBigEndian((Integer) value ^ Integer.MIN_VALUE);
            case BIGINT -> out.writeLongBigEndian((Long) value ^ Long.MIN_VALUE);
            case REAL -> {
                float f = (Float) value;
                int bits = Float.isNaN(f) ? 0x7FC00000 : Float.floatToIntBits(f == 0.0f ? 0.0f : f);
                out.writeIntBigEndian(bits < 0 ? ~bits : bits ^ Integer.MIN_VALUE);
            }
            case DOUBLE -> {
                double d = (Double) value;
                long bits = Double.isNaN(d) ? 0x7FF8000000000000L : Double.doubleToLongBits(d == 0.0d ? 0.0d : d);
                out.writeLongBigEndian(bits < 0 ? ~bits : bits ^ Long.MIN_VALUE);
            }
            case DECIMAL -> writeDecimal(out, (BigDecimal) value);
            case VARCHAR, TEXT, JSONB -> writeEscaped(out, ((String) value).getBytes(StandardCharsets.UTF_8));
            case BYTEA -> writeEscaped(out, (byte[]) value);
            case DATE -> out.writeLongBigEndian(((LocalDate) value).toEpochDay() ^ Long.MIN_VALUE);
            case TIME -> out.writeLongBigEndian(((LocalTime) value).toNanoOfDay());
            case TIMESTAMP -> {
                LocalDateTime t = (LocalDateTime) value;
                out.writeLongBigEndian(t.toEpochSecond(ZoneOffset.UTC) ^ Long.MIN_VALUE);
                out.writeIntBigEndian(t.getNano());
            }
            case TIMESTAMPTZ -> {
                Instant t = (Instant) value;
                out.writeLongBigEndian(t.getEpochSecond() ^ Long.MIN_VALUE);
                out.writeIntBigEndian(t.getNano());
            }
            case INTERVAL -> {
                Interval iv = (Interval) value;
                out.writeLongBigEndian(iv.toApproximateMicros() ^ Long.MIN_VALUE);
                out.writeIntBigEndian(iv.months() ^ Integer.MIN_VALUE);
                out.writeIntBigEndian(iv.days() ^ Integer.MIN_VALUE);
                out.writeLongBigEndian(iv.micros() ^ Long.MIN_VALUE);
            }
            case ARRAY -> {
                for (Object element : (List<?>) value) {
                    if (element == null) {
                        out.write(0x01);
                    } else {
                        out.write(0x02);
                        writeValue(out, type.element(), element);
                    }
                }
                out.write(0x00);
            }
            case STRUCT -> {
                List<?> fields = (List<?>) value;
                for (int i = 0; i < type.fields().size(); i++) {
                    writeColumn(out, type.fields().get(i).type(), fields.get(i));
                }
            }
            case MAP -> throw SluiceException.notSupported("a MAP value as a key (maps have no order)");
        }
    }

    private static void writeDecimal(ByteWriter out, BigDecimal value) {
        int signum = value.signum();
        if (signum == 0) {
            out.write(0x01);
            return;
        }
        out.write(signum < 0 ? 0x00 : 0x02);
        BigDecimal normalized = value.abs().stripTrailingZeros();
        String digits = normalized.unscaledValue().toString();
        // The value is 0.d1d2d3... * 10^exponent, so a larger exponent is a larger magnitude.
        int exponent = digits.length() - normalized.scale();
        int start = out.size();
        out.writeIntBigEndian(exponent ^ Integer.MIN_VALUE);
        for (int i = 0; i < digits.length(); i++) {
            out.write(digits.charAt(i) - '0' + 1);
        }
        out.write(0x00);
        if (signum < 0) {
            // A larger magnitude is a smaller negative number: invert everything after the sign.
            byte[] all = out.toByteArray();
            ByteWriter inverted = new ByteWriter(all.length - start);
            for (int i = start; i < all.length; i++) {
                inverted.write(~all[i] & 0xFF);
            }
            out.truncate(start);
            out.write(inverted.toByteArray());
        }
    }

    private static void writeEscaped(ByteWriter out, byte[] bytes) {
        for (byte b : bytes) {
            out.write(b);
            if (b == 0) {
                out.write(0xFF);
            }
        }
        out.write(0x00);
        out.write(0x01);
    }
}
