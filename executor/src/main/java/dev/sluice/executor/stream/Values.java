package dev.sluice.executor.stream;

import dev.sluice.common.types.SqlType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/** Conversions of numeric results to the internal Java class of their SQL result type. */
final class Values {
    private Values() {}

    /**
     * {@code v} as the internal class of {@code type}: SMALLINT Short, INT Integer, BIGINT Long,
     * REAL Float, DOUBLE Double, DECIMAL BigDecimal (at the type's scale, HALF_UP, when it has one).
     * Non-numeric types and nulls pass through.
     */
    static Object coerce(Object v, SqlType type) {
        if (v == null) {
            return null;
        }
        switch (type.kind()) {
            case SMALLINT:
                return v instanceof Short ? v : (Object) ((Number) v).shortValue();
            case INT:
                return v instanceof Integer ? v : (Object) ((Number) v).intValue();
            case BIGINT:
                return v instanceof Long ? v : (Object) ((Number) v).longValue();
            case REAL:
                return v instanceof Float ? v : (Object) ((Number) v).floatValue();
            case DOUBLE:
                return v instanceof Double ? v : (Object) ((Number) v).doubleValue();
            case DECIMAL:
                return withScale(toBigDecimal((Number) v), type);
            default:
                return v;
        }
    }

    static BigDecimal withScale(BigDecimal d, SqlType type) {
        int scale = type.scale();
        if (scale == SqlType.UNSPECIFIED || d.scale() == scale) {
            return d;
        }
        return d.setScale(scale, RoundingMode.HALF_UP);
    }

    static BigDecimal toBigDecimal(Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
            return BigDecimal.valueOf(n.longValue());
        }
        if (n instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        return BigDecimal.valueOf(n.doubleValue());
    }

    /** The zero of {@code type}'s internal class ({@code $SUM0} of no rows). */
    static Object zero(SqlType type) {
        return coerce(0L, type);
    }
}
