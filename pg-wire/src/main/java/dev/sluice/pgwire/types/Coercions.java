package dev.sluice.pgwire.types;

import dev.sluice.common.SluiceException;
import dev.sluice.common.SqlState;
import dev.sluice.common.types.SqlType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Converts a parameter decoded by the client's declared type to the engine's parameter type (e.g.
 * pgjdbc sends {@code setInt} as int4 where the engine expects BIGINT; {@code setString} as varchar
 * where it expects INT). PostgreSQL applies the same implicit casts at Bind.
 */
public final class Coercions {
    private Coercions() {}

    public static Object coerce(Object v, SqlType type) {
        if (v == null || type.kind().javaClass().isInstance(v)) {
            return v;
        }
        switch (type.kind()) {
            case SMALLINT:
                if (v instanceof Number n) {
                    return Short.valueOf((short) exact(n, Short.MIN_VALUE, Short.MAX_VALUE, type));
                }
                break;
            case INT:
                if (v instanceof Number n) {
                    return Integer.valueOf((int) exact(n, Integer.MIN_VALUE, Integer.MAX_VALUE, type));
                }
                break;
            case BIGINT:
                if (v instanceof Number n) {
                    return exact(n, Long.MIN_VALUE, Long.MAX_VALUE, type);
                }
                break;
            case REAL:
                if (v instanceof Number n) {
                    return n.floatValue();
                }
                break;
            case DOUBLE:
                if (v instanceof Number n) {
                    return n.doubleValue();
                }
                break;
            case DECIMAL:
                if (v instanceof Number n) {
                    return new BigDecimal(n.toString());
                }
                break;
            case TIMESTAMPTZ:
                if (v instanceof LocalDateTime ldt) {
                    return ldt.toInstant(ZoneOffset.UTC);
                }
                break;
            case TIMESTAMP:
                if (v instanceof Instant i) {
                    return LocalDateTime.ofInstant(i, ZoneOffset.UTC);
                }
                break;
            case VARCHAR:
            case TEXT:
            case JSONB:
                return v.toString();
            default:
                break;
        }
        if (v instanceof String s) {
            return TextCodec.decode(s, type, ZoneOffset.UTC);
        }
        throw new SluiceException(
                SqlState.DATATYPE_MISMATCH,
                "parameter of type " + v.getClass().getSimpleName() + " cannot be used as " + type.pgDisplayName());
    }

    private static long exact(Number n, long min, long max, SqlType type) {
        long value;
        if (n instanceof BigDecimal bd) {
            value = bd.longValueExact();
        } else if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (d != Math.rint(d)) {
                throw new SluiceException(
                        SqlState.INVALID_TEXT_REPRESENTATION,
                        "invalid input syntax for type " + type.pgDisplayName() + ": \"" + d + "\"");
            }
            value = (long) d;
        } else {
            value = n.longValue();
        }
        if (value < min || value > max) {
            throw new SluiceException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, type.pgDisplayName() + " out of range");
        }
        return value;
    }
}
