package dev.sluice.pgwire.types;

import dev.sluice.common.SluiceException;
import dev.sluice.common.SqlState;
import dev.sluice.common.text.ByteaText;
import dev.sluice.common.types.Interval;
import dev.sluice.common.types.SqlType;
import dev.sluice.common.types.TypeKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL's text format (format code 0) for every Sluice type: what psql prints and what
 * clients send as text parameters and COPY fields. Output follows PostgreSQL 15 with {@code
 * DateStyle = ISO, MDY}, {@code IntervalStyle = postgres}, {@code bytea_output = hex} and {@code
 * extra_float_digits = 1} (shortest exact floats).
 */
public final class TextCodec {
    private TextCodec() {}

    /** Renders a non-null value. */
    public static String encode(Object value, SqlType type, ZoneId zone) {
        return switch (type.kind()) {
            case BOOLEAN -> ((Boolean) value) ? "t" : "f";
            case SMALLINT, INT, BIGINT -> value.toString();
            case REAL -> PgFloats.format(((Number) value).floatValue());
            case DOUBLE -> PgFloats.format(((Number) value).doubleValue());
            case DECIMAL -> ((BigDecimal) value).toPlainString();
            case VARCHAR, TEXT, JSONB -> value.toString();
            case BYTEA -> ByteaText.format((byte[]) value);
            case DATE -> value.toString();
            case TIME -> PgDateTimes.formatTime((LocalTime) value);
            case TIMESTAMP -> PgDateTimes.formatTimestamp((LocalDateTime) value);
            case TIMESTAMPTZ -> PgDateTimes.formatTimestamptz((Instant) value, zone);
            case INTERVAL -> value.toString();
            case ARRAY -> encodeArray((List<?>) value, type.element(), zone);
            case MAP -> Json.write(value, type, zone);
            case STRUCT -> encodeRecord((List<?>) value, type, zone);
        };
    }

    private static String encodeArray(List<?> list, SqlType element, ZoneId zone) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            Object v = list.get(i);
            if (v == null) {
                sb.append("NULL");
            } else if (element.kind() == TypeKind.ARRAY) {
                sb.append(encode(v, element, zone));
            } else {
                appendQuotedIfNeeded(sb, encode(v, element, zone), true);
            }
        }
        return sb.append('}').toString();
    }

    private static String encodeRecord(List<?> values, SqlType type, ZoneId zone) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            Object v = values.get(i);
            if (v != null) {
                appendQuotedIfNeeded(sb, encode(v, type.fields().get(i).type(), zone), false);
            }
        }
        return sb.append(')').toString();
    }

    private static void appendQuotedIfNeeded(StringBuilder sb, String s, boolean array) {
        boolean quote = s.isEmpty() || (array && s.equalsIgnoreCase("NULL"));
        for (int i = 0; i < s.length() && !quote; i++) {
            char c = s.charAt(i);
            quote = c == ','
                    || c == '"'
                    || c == '\\'
                    || Character.isWhitespace(c)
                    || (array ? c == '{' || c == '}' : c == '(' || c == ')');
        }
        if (!quote) {
            sb.append(s);
            return;
        }
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        sb.append('"');
    }

    /**
     * Parses a text value into the Java class of {@code type}.
     *
     * @throws SluiceException 22P02 (bad syntax) or 22003 (out of range), naming the type and value
     */
    public static Object decode(String text, SqlType type, ZoneId zone) {
        try {
            return switch (type.kind()) {
                case BOOLEAN -> parseBoolean(text);
                case SMALLINT -> Short.parseShort(text.trim());
                case INT -> Integer.parseInt(text.trim());
                case BIGINT -> Long.parseLong(text.trim());
                case REAL -> (float) PgFloats.parse(text);
                case DOUBLE -> PgFloats.parse(text);
                case DECIMAL -> new BigDecimal(text.trim());
                case VARCHAR, TEXT, JSONB -> text;
                case BYTEA -> ByteaText.parse(text);
                case DATE -> PgDateTimes.parseDate(text);
                case TIME -> PgDateTimes.parseTime(text);
                case TIMESTAMP -> PgDateTimes.parseTimestamp(text);
                case TIMESTAMPTZ -> PgDateTimes.parseTimestamptz(text, zone);
                case INTERVAL -> Interval.parse(text);
                case ARRAY -> parseArray(text, type.element(), zone);
                case MAP, STRUCT -> throw SluiceException.notSupported(type.pgDisplayName() + " input in text format");
            };
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException | IndexOutOfBoundsException e) {
            String state = isOutOfRange(text, type)
                    ? SqlState.NUMERIC_VALUE_OUT_OF_RANGE
                    : SqlState.INVALID_TEXT_REPRESENTATION;
            String message = state.equals(SqlState.NUMERIC_VALUE_OUT_OF_RANGE)
                    ? "value \"" + text + "\" is out of range for type " + type.pgDisplayName()
                    : "invalid input syntax for type " + type.pgDisplayName() + ": \"" + text + "\"";
            throw new SluiceException(state, message, e);
        }
    }

    private static boolean isOutOfRange(String text, SqlType type) {
        if (!type.kind().isIntegral()) {
            return false;
        }
        try {
            new java.math.BigInteger(text.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Boolean parseBoolean(String text) {
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "t", "true", "y", "yes", "on", "1" -> Boolean.TRUE;
            case "f", "false", "n", "no", "off", "0" -> Boolean.FALSE;
            default ->
                throw new SluiceException(
                        SqlState.INVALID_TEXT_REPRESENTATION,
                        "invalid input syntax for type boolean: \"" + text + "\"");
        };
    }

    /** Parses {@code {a,"b c",NULL}} (nested braces for arrays of arrays). */
    private static List<Object> parseArray(String text, SqlType element, ZoneId zone) {
        String t = text.trim();
        int[] pos = {0};
        List<Object> result = parseArrayAt(t, pos, element, zone);
        if (pos[0] != t.length()) {
            throw new SluiceException(
                    SqlState.INVALID_TEXT_REPRESENTATION, "malformed array literal: \"" + text + "\"");
        }
        return result;
    }

    private static List<Object> parseArrayAt(String t, int[] pos, SqlType element, ZoneId zone) {
        if (pos[0] >= t.length() || t.charAt(pos[0]) != '{') {
            throw new SluiceException(SqlState.INVALID_TEXT_REPRESENTATION, "malformed array literal: \"" + t + "\"");
        }
        pos[0]++;
        List<Object> out = new ArrayList<>();
        skipSpace(t, pos);
        if (t.charAt(pos[0]) == '}') {
            pos[0]++;
            return out;
        }
        while (true) {
            skipSpace(t, pos);
            char c = t.charAt(pos[0]);
            if (c == '{') {
                out.add(parseArrayAt(t, pos, element.kind() == TypeKind.ARRAY ? element.element() : element, zone));
            } else if (c == '"') {
                StringBuilder sb = new StringBuilder();
                pos[0]++;
                while (t.charAt(pos[0]) != '"') {
                    if (t.charAt(pos[0]) == '\\') {
                        pos[0]++;
                    }
                    sb.append(t.charAt(pos[0]++));
                }
                pos[0]++;
                out.add(decode(sb.toString(), element, zone));
            } else {
                int start = pos[0];
                while (t.charAt(pos[0]) != ',' && t.charAt(pos[0]) != '}') {
                    pos[0]++;
                }
                String raw = t.substring(start, pos[0]).trim();
                out.add(raw.equalsIgnoreCase("NULL") ? null : decode(raw, element, zone));
            }
            skipSpace(t, pos);
            char sep = t.charAt(pos[0]++);
            if (sep == '}') {
                return out;
            }
            if (sep != ',') {
                throw new SluiceException(
                        SqlState.INVALID_TEXT_REPRESENTATION, "malformed array literal: \"" + t + "\"");
            }
        }
    }

    private static void skipSpace(String t, int[] pos) {
        while (pos[0] < t.length() && Character.isWhitespace(t.charAt(pos[0]))) {
            pos[0]++;
        }
    }

    /** Minimal JSON output for MAP values (reported as jsonb). */
    static final class Json {
        private Json() {}

        static String write(Object value, SqlType type, ZoneId zone) {
            StringBuilder sb = new StringBuilder();
            append(sb, value, type, zone);
            return sb.toString();
        }

        private static void append(StringBuilder sb, Object value, SqlType type, ZoneId zone) {
            if (value == null) {
                sb.append("null");
                return;
            }
            switch (type.kind()) {
                case MAP -> {
                    sb.append('{');
                    boolean first = true;
                    for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                        if (!first) {
                            sb.append(", ");
                        }
                        first = false;
                        string(sb, e.getKey() == null ? "null" : encode(e.getKey(), type.key(), zone));
                        sb.append(": ");
                        append(sb, e.getValue(), type.element(), zone);
                    }
                    sb.append('}');
                }
                case ARRAY -> {
                    sb.append('[');
                    List<?> list = (List<?>) value;
                    for (int i = 0; i < list.size(); i++) {
                        if (i > 0) {
                            sb.append(", ");
                        }
                        append(sb, list.get(i), type.element(), zone);
                    }
                    sb.append(']');
                }
                case BOOLEAN -> sb.append(value);
                case SMALLINT, INT, BIGINT, DECIMAL -> sb.append(encode(value, type, zone));
                case REAL, DOUBLE -> {
                    double d = ((Number) value).doubleValue();
                    if (Double.isFinite(d)) {
                        sb.append(encode(value, type, zone));
                    } else {
                        string(sb, encode(value, type, zone));
                    }
                }
                case JSONB -> sb.append(value);
                default -> string(sb, encode(value, type, zone));
            }
        }

        private static void string(StringBuilder sb, String s) {
            dev.sluice.common.text.JsonText.appendString(sb, s);
        }
    }

    /** Used by tests and COPY: the Java class a decoded value of {@code type} has. */
    static Class<?> javaClassOf(SqlType type) {
        return type.kind().javaClass();
    }

    static boolean isTemporal(Object v) {
        return v instanceof LocalDate
                || v instanceof LocalTime
                || v instanceof LocalDateTime
                || v instanceof Instant
                || v instanceof Interval;
    }
}
