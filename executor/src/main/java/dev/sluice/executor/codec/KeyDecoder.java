package dev.sluice.executor.codec;

import dev.sluice.common.types.Interval;
import dev.sluice.common.types.SqlType;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes keys written by {@link KeyCodec} back into values: needed where only a key survives, e.g. a
 * table's delete (a tombstone record has a key and no value) feeding a continuous query.
 *
 * <p>Decimals come back normalized (trailing zeros stripped: {@code 1.50} reads as {@code 1.5}),
 * because the encoding makes equal numbers of different scales equal.
 */
public final class KeyDecoder {
    private KeyDecoder() {}

    public static Object[] decode(List<SqlType> types, byte[] key) {
        ByteReader in = new ByteReader(key, 0, key.length);
        Object[] out = new Object[types.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = readColumn(in, types.get(i));
        }
        if (!in.atEnd()) {
            throw new CorruptRowException("key has " + (key.length - in.position()) + " trailing bytes");
        }
        return out;
    }

    private static Object readColumn(ByteReader in, SqlType type) {
        int marker = in.read();
        if (marker == 0x00) {
            return null;
        }
        if (marker != 0x01) {
            throw new CorruptRowException("bad key column marker " + marker);
        }
        return readValue(in, type);
    }

    private static Object readValue(ByteReader in, SqlType type) {
        return switch (type.kind()) {
            case BOOLEAN -> in.read() != 0;
            case SMALLINT -> (short) ((((in.read() ^ 0x80) & 0xFF) << 8) | in.read());
            case INT -> in.readIntBigEndian() ^ Integer.MIN_VALUE;
            case BIGINT -> in.readLongBigEndian() ^ Long.MIN_VALUE;
            case REAL -> {
                int bits = in.readIntBigEndian();
                yield Float.intBitsToFloat(bits < 0 ? bits ^ Integer.MIN_VALUE : ~bits);
            }
            case DOUBLE -> {
                long bits = in.readLongBigEndian();
                yield Double.longBitsToDouble(bits < 0 ? bits ^ Long.MIN_VALUE : ~bits);
            }
            case DECIMAL -> readDecimal(in);
            case VARCHAR, TEXT, JSONB -> new String(readEscaped(in), StandardCharsets.UTF_8);
            case BYTEA -> readEscaped(in);
            case DATE -> LocalDate.ofEpochDay(in.readLongBigEndian() ^ Long.MIN_VALUE);
            case TIME -> LocalTime.ofNanoOfDay(in.readLongBigEndian());
            case TIMESTAMP -> {
                long seconds = in.readLongBigEndian() ^ Long.MIN_VALUE;
                yield LocalDateTime.ofEpochSecond(seconds, in.readIntBigEndian(), ZoneOffset.UTC);
            }
            case TIMESTAMPTZ -> {
                long seconds = in.readLongBigEndian() ^ Long.MIN_VALUE;
                yield Instant.ofEpochSecond(seconds, in.readIntBigEndian());
            }
            case INTERVAL -> {
                in.readLongBigEndian();
                int months = in.readIntBigEndian() ^ Integer.MIN_VALUE;
                int days = in.readIntBigEndian() ^ Integer.MIN_VALUE;
                long micros = in.readLongBigEndian() ^ Long.MIN_VALUE;
                yield new Interval(months, days, micros);
            }
            case ARRAY -> {
                List<Object> elements = new ArrayList<>();
                while (true) {
                    int m = in.read();
                    if (m == 0x00) {
                        break;
                    }
                    elements.add(m == 0x01 ? null : readValue(in, type.element()));
                }
                yield java.util.Collections.unmodifiableList(elements);
            }
            case STRUCT -> {
                List<Object> fields = new ArrayList<>();
                for (var f : type.fields()) {
                    fields.add(readColumn(in, f.type()));
                }
                yield java.util.Collections.unmodifiableList(fields);
            }
            case MAP -> throw new CorruptRowException("a key cannot hold a MAP");
        };
    }

    private static BigDecimal readDecimal(ByteReader in) {
        int sign = in.read();
        if (sign == 0x01) {
            return BigDecimal.ZERO;
        }
        boolean negative = sign == 0x00;
        int flip = negative ? 0xFF : 0x00;
        int e = 0;
        for (int i = 0; i < 4; i++) {
            e = (e << 8) | ((in.read() ^ flip) & 0xFF);
        }
        int exponent = e ^ Integer.MIN_VALUE;
        StringBuilder digits = new StringBuilder();
        while (true) {
            int d = (in.read() ^ flip) & 0xFF;
            if (d == 0) {
                break;
            }
            digits.append((char) ('0' + d - 1));
        }
        BigDecimal value = new BigDecimal(new BigInteger(digits.toString()), digits.length() - exponent);
        return negative ? value.negate() : value;
    }

    private static byte[] readEscaped(ByteReader in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b == 0x00) {
                int next = in.read();
                if (next == 0x01) {
                    return out.toByteArray();
                }
                out.write(0);
            } else {
                out.write(b);
            }
        }
    }
}
