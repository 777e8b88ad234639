package dev.sluice.planner.calcite;

import dev.sluice.common.types.Interval;
import dev.sluice.common.types.SqlType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.util.ByteString;

/**
 * Converts values between Sluice's Java representation (see {@link SqlType}) and Calcite's internal
 * one, which its generated code computes on: DATE as {@code Integer} days since the epoch, TIME as
 * {@code Integer} milliseconds of the day, TIMESTAMP and TIMESTAMPTZ as {@code Long} epoch
 * milliseconds, INTERVAL as {@code Long} milliseconds (a day-time interval; a month counts as 30
 * days) or {@code Integer} months (a year-month one), BYTEA as {@link ByteString}, STRUCT as {@code
 * Object[]}. Those representations are narrower than Sluice's: TIME, TIMESTAMP and TIMESTAMPTZ lose
 * their microseconds, INTERVAL its months (as 30 days) and microseconds, whenever a value passes
 * through Calcite (pull queries, expressions in INSERT and UPDATE).
 */
public final class CalciteValues {
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private CalciteValues() {}

    public static Object toInternal(SqlType type, Object value) {
        if (value == null) {
            return null;
        }
        return switch (type.kind()) {
            case DATE -> (int) ((LocalDate) value).toEpochDay();
            case TIME -> (int) (((LocalTime) value).toNanoOfDay() / 1_000_000L);
            case TIMESTAMP -> ((LocalDateTime) value).toInstant(ZoneOffset.UTC).toEpochMilli();
            case TIMESTAMPTZ -> ((Instant) value).toEpochMilli();
            case INTERVAL -> dayTimeMillis((Interval) value);
            case BYTEA -> new ByteString((byte[]) value);
            case ARRAY -> {
                List<Object> out = new ArrayList<>();
                for (Object element : (List<?>) value) {
                    out.add(toInternal(type.element(), element));
                }
                yield out;
            }
            case MAP -> {
                Map<Object, Object> out = new LinkedHashMap<>();
                ((Map<?, ?>) value)
                        .forEach((k, v) -> out.put(toInternal(type.key(), k), toInternal(type.element(), v)));
                yield out;
            }
            case STRUCT -> {
                List<?> fields = (List<?>) value;
                Object[] out = new Object[fields.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = toInternal(type.fields().get(i).type(), fields.get(i));
                }
                yield out;
            }
            default -> value;
        };
    }

    /** Converts a Calcite result value to the Java class Sluice uses for {@code type}. */
    public static Object fromInternal(SqlType type, Object value) {
        if (value == null) {
            return null;
        }
        return switch (type.kind()) {
            case BOOLEAN -> (Boolean) value;
            case SMALLINT -> ((Number) value).shortValue();
            case INT -> ((Number) value).intValue();
            case BIGINT -> ((Number) value).longValue();
            case REAL -> ((Number) value).floatValue();
            case DOUBLE -> ((Number) value).doubleValue();
            case DECIMAL -> value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
            case VARCHAR, TEXT, JSONB -> value.toString();
            case BYTEA -> value instanceof ByteString b ? b.getBytes() : (byte[]) value;
            case DATE -> LocalDate.ofEpochDay(((Number) value).longValue());
            case TIME ->
                LocalTime.ofNanoOfDay(Math.floorMod(((Number) value).longValue(), MILLIS_PER_DAY) * 1_000_000L);
            case TIMESTAMP ->
                LocalDateTime.ofInstant(Instant.ofEpochMilli(((Number) value).longValue()), ZoneOffset.UTC);
            case TIMESTAMPTZ -> Instant.ofEpochMilli(((Number) value).longValue());
            case INTERVAL ->
                value instanceof Integer months ? new Interval(months, 0, 0) : dayTime(((Number) value).longValue());
            case ARRAY -> {
                List<Object> out = new ArrayList<>();
                for (Object element : asList(value)) {
                    out.add(fromInternal(type.element(), element));
                }
                yield java.util.Collections.unmodifiableList(out);
            }
            case MAP -> {
                Map<Object, Object> out = new LinkedHashMap<>();
                ((Map<?, ?>) value)
                        .forEach((k, v) -> out.put(fromInternal(type.key(), k), fromInternal(type.element(), v)));
                yield java.util.Collections.unmodifiableMap(out);
            }
            case STRUCT -> {
                List<?> fields = asList(value);
                List<Object> out = new ArrayList<>();
                for (int i = 0; i < fields.size(); i++) {
                    out.add(fromInternal(type.fields().get(i).type(), fields.get(i)));
                }
                yield java.util.Collections.unmodifiableList(out);
            }
        };
    }

    /**
     * An interval as Calcite's day-time milliseconds: a month counts as 30 days; the microseconds
     * are cut to milliseconds on their own, so {@code -1 mons +3 days 00:00:00.000001} is exactly
     * -27 days, not a millisecond off.
     */
    static long dayTimeMillis(Interval iv) {
        return Math.addExact(
                Math.multiplyExact((long) iv.months() * 30 + iv.days(), MILLIS_PER_DAY), iv.micros() / 1_000L);
    }

    /**
     * A Calcite day-time interval (one count of milliseconds) as days and time: Calcite's type is
     * {@code INTERVAL DAY TO SECOND}, whose hour field stays below 24, and PostgreSQL prints {@code
     * '1 day 02:00:00'} so. An interval entered as {@code '26 hours'} therefore reads back as {@code
     * 1 day 02:00:00} (PostgreSQL's {@code justify_hours}), never the other way round; the two are
     * equal in comparisons, in PostgreSQL as here.
     */
    static Interval dayTime(long millis) {
        return new Interval(0, Math.toIntExact(millis / MILLIS_PER_DAY), (millis % MILLIS_PER_DAY) * 1_000L);
    }

    private static List<?> asList(Object value) {
        return value instanceof Object[] array ? Arrays.asList(array) : (List<?>) value;
    }
}
