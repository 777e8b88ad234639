package dev.sluice.server.engine;

import dev.sluice.common.SluiceException;
import dev.sluice.common.SqlState;
import dev.sluice.common.text.ByteaText;
import dev.sluice.common.types.Interval;
import dev.sluice.common.types.SqlType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * Converts a value to a column's or parameter's type the way PostgreSQL's assignment casts do: a
 * string is parsed with the type's input function (22P02 / 22007 naming the value when it does not
 * parse: bytea in hex or escape form, interval in any style {@link Interval#parse} reads), a number is converted with a range check
 * (22003) and rounded into integers and scaled decimals, a string too long for VARCHAR(n) is 22001.
 */
public final class ValueCoercer {
    private ValueCoercer() {}

    /**
     * @param what names the target in messages, e.g. {@code column "id"}
     */
    public static Object coerce(Object value, SqlType target, String what) {
        if (value == null) {
            return null;
        }
        try {
            return switch (target.kind()) {
                case BOOLEAN -> toBoolean(value, target, what);
                case SMALLINT -> (short) integral(value, Short.MIN_VALUE, Short.MAX_VALUE, target);
                case INT -> (int) integral(value, Integer.MIN_VALUE, Integer.MAX_VALUE, target);
                case BIGINT -> integral(value, Long.MIN_VALUE, Long.MAX_VALUE, target);
                case REAL ->
                    value instanceof Number n
                            ? n.floatValue()
                            : Float.parseFloat(text(value, target, what).trim());
                case DOUBLE ->
                    value instanceof Number n
                            ? n.doubleValue()
                            : Double.parseDouble(text(value, target, what).trim());
                case DECIMAL -> decimal(value, target, what);
                case VARCHAR, TEXT, JSONB -> varchar(value, target);
                case BYTEA -> value instanceof byte[] b ? b : ByteaText.parse(text(value, target, what));
                case DATE ->
                    value instanceof LocalDate d
                            ? d
                            : value instanceof LocalDateTime t
                                    ? t.toLocalDate()
                                    : LocalDate.parse(text(value, target, what).trim());
                case TIME ->
                    value instanceof LocalTime t
                            ? t
                            : LocalTime.parse(text(value, target, what).trim());
                case TIMESTAMP -> timestamp(value, target, what);
                case TIMESTAMPTZ -> timestamptz(value, target, what);
                case INTERVAL -> value instanceof Interval i ? i : Interval.parse(text(value, target, what));
                case ARRAY, MAP, STRUCT -> value;
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new SluiceException(
                    target.kind().isTemporal()
                            ? SqlState.INVALID_DATETIME_FORMAT
                            : SqlState.INVALID_TEXT_REPRESENTATION,
                    "invalid input syntax for type " + target.pgDisplayName() + ": \"" + value + "\"");
        }
    }

    private static Object toBoolean(Object value, SqlType target, String what) {
        if (value instanceof Boolean b) {
            return b;
        }
        String s = text(value, target, what).trim().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "t", "true", "y", "yes", "on", "1" -> true;
            case "f", "false", "n", "no", "off", "0" -> false;
            default -> throw new NumberFormatException(s);
        };
    }

    private static long integral(Object value, long min, long max, SqlType target) {
        BigDecimal d;
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            long v = ((Number) value).longValue();
            if (v < min || v > max) {
                throw outOfRange(target);
            }
            return v;
        } else if (value instanceof BigDecimal b) {
            d = b;
        } else if (value instanceof Number n) {
            d = BigDecimal.valueOf(n.doubleValue());
        } else if (value instanceof String s) {
            d = new BigDecimal(s.trim());
            if (d.scale() > 0) {
                throw new NumberFormatException(s);
            }
        } else if (value instanceof Boolean) {
            throw new SluiceException(
                    SqlState.DATATYPE_MISMATCH, "cannot assign a boolean to type " + target.pgDisplayName());
        } else {
            throw new NumberFormatException(String.valueOf(value));
        }
        BigDecimal rounded = d.setScale(0, RoundingMode.HALF_UP);
        if (rounded.compareTo(BigDecimal.valueOf(min)) < 0 || rounded.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw outOfRange(target);
        }
        return rounded.longValueExact();
    }

    private static BigDecimal decimal(Object value, SqlType target, String what) {
        BigDecimal d = value instanceof BigDecimal b
                ? b
                : value instanceof Number n
                        ? new BigDecimal(n.toString())
                        : new BigDecimal(text(value, target, what).trim());
        if (target.scale() != SqlType.UNSPECIFIED) {
            d = d.setScale(target.scale(), RoundingMode.HALF_UP);
        }
        if (target.precision() != SqlType.UNSPECIFIED
                && d.precision() - d.scale() > target.precision() - Math.max(0, target.scale())) {
            throw new SluiceException(
                    SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                    "numeric field overflow",
                    "a field with precision " + target.precision() + ", scale " + Math.max(0, target.scale())
                            + " must round to an absolute value less than 10^"
                            + (target.precision() - Math.max(0, target.scale())),
                    null,
                    0,
                    null);
        }
        return d;
    }

    private static String varchar(Object value, SqlType target) {
        String s = value instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(value);
        if (target.length() != SqlType.UNSPECIFIED && s.codePointCount(0, s.length()) > target.length()) {
            throw new SluiceException(
                    SqlState.STRING_DATA_RIGHT_TRUNCATION,
                    "value too long for type character varying(" + target.length() + ")");
        }
        return s;
    }

    private static LocalDateTime timestamp(Object value, SqlType target, String what) {
        if (value instanceof LocalDateTime t) {
            return t;
        }
        if (value instanceof Instant i) {
            return LocalDateTime.ofInstant(i, ZoneOffset.UTC);
        }
        if (value instanceof LocalDate d) {
            return d.atStartOfDay();
        }
        return dev.sluice.planner.sql.Timestamps.parse(text(value, target, what).trim(), false);
    }

    private static Instant timestamptz(Object value, SqlType target, String what) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof LocalDateTime t) {
            return t.toInstant(ZoneOffset.UTC);
        }
        return dev.sluice.planner.sql.Timestamps.parse(text(value, target, what).trim(), true)
                .toInstant(ZoneOffset.UTC);
    }

    private static String text(Object value, SqlType target, String what) {
        if (value instanceof String s) {
            return s;
        }
        return typeMismatch(value, target, what);
    }

    private static <T> T typeMismatch(Object value, SqlType target, String what) {
        throw new SluiceException(
                SqlState.DATATYPE_MISMATCH,
                what + " is of type " + target.pgDisplayName() + " but the value is of type " + describe(value),
                null,
                "rewrite or cast the value",
                0,
                null);
    }

    static String describe(Object value) {
        if (value instanceof Boolean) {
            return "boolean";
        }
        if (value instanceof Number) {
            return "numeric";
        }
        if (value instanceof List) {
            return "array";
        }
        return value.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    private static SluiceException outOfRange(SqlType target) {
        return new SluiceException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, target.pgDisplayName() + " out of range");
    }
}
