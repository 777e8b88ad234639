package dev.sluice.executor.codec;

import dev.sluice.common.Row;
import dev.sluice.common.RowKind;
import dev.sluice.common.types.Interval;
import dev.sluice.common.types.Schema;
import dev.sluice.common.types.SqlType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compact binary format of a row's values, as stored in log records and state.
 *
 * <p>The row's {@link RowKind} is not part of these bytes: it travels in the log record's
 * attributes byte. Layout, format version 1:
 *
 * <pre>
 * VERSION_OFFSET        0   1 byte   format version (1)
 * COLUMN_COUNT          1   varint   number of columns n (a reader checks it against its schema)
 * NULL_BITMAP               ceil(n/8) bytes, bit i (LSB first) set = column i is NULL
 * VALUES                    each non-NULL column, in column order:
 *   BOOLEAN                 1 byte, 0 or 1
 *   SMALLINT, INT, BIGINT   zig-zag varint
 *   REAL, DOUBLE            4 / 8 bytes IEEE 754, big-endian
 *   DECIMAL                 zig-zag varint scale, varint length, two's-complement unscaled value
 *   VARCHAR, TEXT, JSONB    varint length, UTF-8 bytes
 *   BYTEA                   varint length, bytes
 *   DATE                    zig-zag varint days since 1970-01-01
 *   TIME                    varint nanoseconds of the day
 *   TIMESTAMP, TIMESTAMPTZ  zig-zag varint seconds since the epoch (UTC), varint nanoseconds
 *   INTERVAL                zig-zag varints months, days, microseconds
 *   ARRAY                   varint count, null bitmap of the elements, the non-NULL elements
 *   MAP                     varint count, null bitmap of the values, then key (never NULL) and
 *                           non-NULL value per entry
 *   STRUCT                  null bitmap of the fields, the non-NULL fields
 * </pre>
 *
 * <p>Varints are unsigned LEB128 as in Kafka's records. Decoding checks every length against the
 * bytes that remain and fails with {@link CorruptRowException} rather than returning garbage.
 */
public final class RowCodec {
    public static final int FORMAT_VERSION = 1;

    private RowCodec() {}

    /** Encodes the values of {@code row} (its kind is not encoded). */
    public static byte[] encode(Schema schema, Row row) {
        if (row.arity() != schema.size()) {
            throw new IllegalArgumentException(
                    "row has " + row.arity() + " values but the schema has " + schema.size() + " columns");
        }
        ByteWriter out = new ByteWriter(16 + schema.size() * 8);
        out.write(FORMAT_VERSION);
        out.writeUnsignedVarLong(schema.size());
        int bitmap = out.reserve(bitmapBytes(schema.size()));
        for (int i = 0; i < schema.size(); i++) {
            Object value = row.get(i);
            if (value == null) {
                out.setBit(bitmap, i);
            } else {
                writeValue(out, schema.column(i).type(), value, schema.column(i).name());
            }
        }
        return out.toByteArray();
    }

    /** Decodes bytes written by {@link #encode} into a row of the given kind. */
    public static Row decode(Schema schema, RowKind kind, byte[] bytes) {
        return decode(schema, kind, bytes, 0, bytes.length);
    }

    public static Row decode(Schema schema, RowKind kind, byte[] bytes, int offset, int length) {
        try {
            return decodeChecked(schema, kind, bytes, offset, length);
        } catch (java.time.DateTimeException | ArithmeticException | NumberFormatException e) {
            throw new CorruptRowException("value out of range: " + e.getMessage());
        }
    }

    private static Row decodeChecked(Schema schema, RowKind kind, byte[] bytes, int offset, int length) {
        ByteReader in = new ByteReader(bytes, offset, length);
        int version = in.read();
        if (version != FORMAT_VERSION) {
            throw new CorruptRowException("unknown row format version " + version);
        }
        long n = in.readUnsignedVarLong();
        if (n != schema.size()) {
            throw new CorruptRowException("row has " + n + " columns but the schema has " + schema.size());
        }
        int bitmap = in.position();
        in.skip(bitmapBytes(schema.size()));
        Object[] values = new Object[schema.size()];
        for (int i = 0; i < values.length; i++) {
            if (!in.bit(bitmap, i)) {
                values[i] = readValue(in, schema.column(i).type());
            }
        }
        if (!in.atEnd()) {
            throw new CorruptRowException("trailing bytes after the last column");
        }
        return Row.ofKind(kind, values);
    }

    static int bitmapBytes(int n) {
        return (n + 7) >>> 3;
    }

    static void writeValue(ByteWriter out, SqlType type, Object value, String where) {
        try {
            writeValueUnchecked(out, type, value, where);
        } catch (ClassCastException e) {
            throw new IllegalArgumentException("value for " + where + " of type " + type.toSql() + " is a "
                    + value.getClass().getSimpleName() + ", expected "
                    + type.kind().javaClass().getSimpleName());
        }
    }

    private static void writeValueUnchecked(ByteWriter out, SqlType type, Object value, String where) {
        switch (type.kind()) {
            case BOOLEAN -> out.write((Boolean) value ? 1 : 0);
            case SMALLINT -> out.writeVarLong((Short) value);
            case INT -> out.writeVarLong((Integer) value);
            case BIGINT -> out.writeVarLong((Long) value);
            case REAL -> out.writeIntBigEndian(Float.floatToIntBits((Float) value));
            case DOUBLE -> out.writeLongBigEndian(Double.doubleToLongBits((Double) value));
            case DECIMAL -> {
                BigDecimal d = (BigDecimal) value;
                out.writeVarLong(d.scale());
                byte[] unscaled = d.unscaledValue().toByteArray();
                out.writeUnsignedVarLong(unscaled.length);
                out.write(unscaled);
            }
            case VARCHAR, TEXT, JSONB -> writeBytes(out, ((String) value).getBytes(StandardCharsets.UTF_8));
            case BYTEA -> writeBytes(out, (byte[]) value);
            case DATE -> out.writeVarLong(((LocalDate) value).toEpochDay());
            case TIME -> out.writeUnsignedVarLong(((LocalTime) value).toNanoOfDay());
            case TIMESTAMP -> {
                LocalDateTime t = (LocalDateTime) value;
                out.writeVarLong(t.toEpochSecond(ZoneOffset.UTC));
                out.writeUnsignedVarLong(t.getNano());
            }
            case TIMESTAMPTZ -> {
                Instant t = (Instant) value;
                out.writeVarLong(t.getEpochSecond());
                out.writeUnsignedVarLong(t.getNano());
            }
            case INTERVAL -> {
                Interval iv = (Interval) value;
                out.writeVarLong(iv.months());
                out.writeVarLong(iv.days());
                out.writeVarLong(iv.micros());
            }
            case ARRAY -> {
                List<?> list = (List<?>) value;
                out.writeUnsignedVarLong(list.size());
                int bitmap = out.reserve(bitmapBytes(list.size()));
                for (int i = 0; i < list.size(); i++) {
                    if (list.get(i) == null) {
                        out.setBit(bitmap, i);
                    } else {
                        writeValue(out, type.element(), list.get(i), where + "[" + (i + 1) + "]");
                    }
                }
            }
            case MAP -> {
                Map<?, ?> map = (Map<?, ?>) value;
                out.writeUnsignedVarLong(map.size());
                int bitmap = out.reserve(bitmapBytes(map.size()));
                int i = 0;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (e.getKey() == null) {
                        throw new IllegalArgumentException("map " + where + " has a NULL key");
                    }
                    writeValue(out, type.key(), e.getKey(), where + " key");
                    if (e.getValue() == null) {
                        out.setBit(bitmap, i);
                    } else {
                        writeValue(out, type.element(), e.getValue(), where + "[" + e.getKey() + "]");
                    }
                    i++;
                }
            }
            case STRUCT -> {
                List<?> fields = (List<?>) value;
                List<SqlType.Field> defs = type.fields();
                if (fields.size() != defs.size()) {
                    throw new IllegalArgumentException(
                            "struct " + where + " has " + fields.size() + " fields, expected " + defs.size());
                }
                int bitmap = out.reserve(bitmapBytes(defs.size()));
                for (int i = 0; i < defs.size(); i++) {
                    if (fields.get(i) == null) {
                        out.setBit(bitmap, i);
                    } else {
                        writeValue(
                                out,
                                defs.get(i).type(),
                                fields.get(i),
                                where + "." + defs.get(i).name());
                    }
                }
            }
        }
    }

    private static void writeBytes(ByteWriter out, byte[] bytes) {
        out.writeUnsignedVarLong(bytes.length);
        out.write(bytes);
    }

    private static Object readValue(ByteReader in, SqlType type) {
        return switch (type.kind()) {
            case BOOLEAN -> {
                int b = in.read();
                if (b > 1) {
                    throw new CorruptRowException("boolean byte " + b);
                }
                yield b == 1;
            }
            case SMALLINT -> (short) checkRange(in.readVarLong(), Short.MIN_VALUE, Short.MAX_VALUE);
            case INT -> (int) checkRange(in.readVarLong(), Integer.MIN_VALUE, Integer.MAX_VALUE);
            case BIGINT -> in.readVarLong();
            case REAL -> Float.intBitsToFloat(in.readIntBigEndian());
            case DOUBLE -> Double.longBitsToDouble(in.readLongBigEndian());
            case DECIMAL -> {
                int scale = (int) checkRange(in.readVarLong(), Integer.MIN_VALUE, Integer.MAX_VALUE);
                byte[] unscaled = in.readBytes(in.readLength());
                if (unscaled.length == 0) {
                    throw new CorruptRowException("empty decimal");
                }
                yield new BigDecimal(new BigInteger(unscaled), scale);
            }
            case VARCHAR, TEXT, JSONB -> in.readUtf8(in.readLength());
            case BYTEA -> in.readBytes(in.readLength());
            case DATE -> LocalDate.ofEpochDay(in.readVarLong());
            case TIME -> {
                long nanos = in.readUnsignedVarLong();
                if (nanos < 0 || nanos >= 86_400_000_000_000L) {
                    throw new CorruptRowException("time of day out of range: " + nanos);
                }
                yield LocalTime.ofNanoOfDay(nanos);
            }
            case TIMESTAMP -> {
                long seconds = in.readVarLong();
                yield LocalDateTime.ofEpochSecond(seconds, nanos(in), ZoneOffset.UTC);
            }
            case TIMESTAMPTZ -> {
                long seconds = in.readVarLong();
                yield Instant.ofEpochSecond(seconds, nanos(in));
            }
            case INTERVAL ->
                new Interval(
                        (int) checkRange(in.readVarLong(), Integer.MIN_VALUE, Integer.MAX_VALUE),
                        (int) checkRange(in.readVarLong(), Integer.MIN_VALUE, Integer.MAX_VALUE),
                        in.readVarLong());
            case ARRAY -> {
                int count = in.readCount();
                int bitmap = in.position();
                in.skip(bitmapBytes(count));
                List<Object> list = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    list.add(in.bit(bitmap, i) ? null : readValue(in, type.element()));
                }
                yield java.util.Collections.unmodifiableList(list);
            }
            case MAP -> {
                int count = in.readCount();
                int bitmap = in.position();
                in.skip(bitmapBytes(count));
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < count; i++) {
                    Object key = readValue(in, type.key());
                    map.put(key, in.bit(bitmap, i) ? null : readValue(in, type.element()));
                }
                yield java.util.Collections.unmodifiableMap(map);
            }
            case STRUCT -> {
                List<SqlType.Field> defs = type.fields();
                int bitmap = in.position();
                in.skip(bitmapBytes(defs.size()));
                List<Object> fields = new ArrayList<>(defs.size());
                for (int i = 0; i < defs.size(); i++) {
                    fields.add(
                            in.bit(bitmap, i) ? null : readValue(in, defs.get(i).type()));
                }
                yield java.util.Collections.unmodifiableList(fields);
            }
        };
    }

    private static int nanos(ByteReader in) {
        long nanos = in.readUnsignedVarLong();
        if (nanos < 0 || nanos > 999_999_999) {
            throw new CorruptRowException("nanoseconds out of range: " + nanos);
        }
        return (int) nanos;
    }

    private static long checkRange(long v, long min, long max) {
        if (v < min || v > max) {
            throw new CorruptRowException("value " + v + " out of range");
        }
        return v;
    }
}
