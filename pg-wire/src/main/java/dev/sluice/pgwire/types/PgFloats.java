package dev.sluice.pgwire.types;

import java.math.BigDecimal;

/**
 * Floats the way PostgreSQL 12+ prints them with the default {@code extra_float_digits = 1}: the
 * shortest text that reads back exactly, in {@code %g} style ({@code 1e+20}, {@code 0.1}, {@code
 * NaN}, {@code Infinity}) — not Java's {@code 1.0E20}.
 */
final class PgFloats {
    private PgFloats() {}

    static String format(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        return shortest(Double.toString(d), 15);
    }

    static String format(float f) {
        if (Float.isNaN(f)) {
            return "NaN";
        }
        if (Float.isInfinite(f)) {
            return f > 0 ? "Infinity" : "-Infinity";
        }
        return shortest(Float.toString(f), 6);
    }

    /** Java's shortest digits, re-laid out: plain for exponents in [-4, precision), else d.ddde±XX. */
    private static String shortest(String javaRepr, int precision) {
        if (javaRepr.equals("0.0") || javaRepr.equals("-0.0")) {
            return javaRepr.startsWith("-") ? "-0" : "0";
        }
        BigDecimal bd = new BigDecimal(javaRepr).stripTrailingZeros();
        int exponent = bd.precision() - bd.scale() - 1;
        if (exponent >= -4 && exponent < precision) {
            return bd.toPlainString();
        }
        String digits = bd.unscaledValue().abs().toString();
        StringBuilder sb = new StringBuilder();
        if (bd.signum() < 0) {
            sb.append('-');
        }
        sb.append(digits.charAt(0));
        if (digits.length() > 1) {
            sb.append('.').append(digits, 1, digits.length());
        }
        sb.append('e').append(exponent < 0 ? '-' : '+');
        int abs = Math.abs(exponent);
        if (abs < 10) {
            sb.append('0');
        }
        return sb.append(abs).toString();
    }

    static double parse(String text) {
        String t = text.trim();
        switch (t.toLowerCase(java.util.Locale.ROOT)) {
            case "nan":
                return Double.NaN;
            case "infinity", "inf", "+infinity", "+inf":
                return Double.POSITIVE_INFINITY;
            case "-infinity", "-inf":
                return Double.NEGATIVE_INFINITY;
            default:
                return Double.parseDouble(t);
        }
    }
}
