package dev.sluice.server.engine;

import dev.sluice.common.Row;
import dev.sluice.common.types.Column;
import dev.sluice.common.types.Schema;
import java.util.List;

/** Renders a row as a JSON object for PRINT, so that a topic's records read like ksqlDB's. */
final class Json {
    private static final java.time.format.DateTimeFormatter TIME = new java.time.format.DateTimeFormatterBuilder()
            .appendPattern("HH:mm:ss")
            .optionalStart()
            .appendFraction(java.time.temporal.ChronoField.NANO_OF_SECOND, 0, 6, true)
            .toFormatter();

    private Json() {}

    static String object(List<Column> columns, Schema schema, Row row) {
        StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        for (Column c : columns) {
            if (!first) {
                sb.append(", ");
            }
            first = false;
            string(sb, c.name());
            sb.append(": ");
            value(sb, row.get(schema.indexOf(c.name()).orElseThrow()));
        }
        return sb.append('}').toString();
    }

    private static void value(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Number || v instanceof Boolean) {
            sb.append(v);
        } else if (v instanceof java.time.LocalDateTime t) {
            string(sb, t.toLocalDate() + " " + t.toLocalTime().format(TIME));
        } else if (v instanceof byte[] b) {
            string(sb, "\\x" + java.util.HexFormat.of().formatHex(b));
        } else if (v instanceof List<?> list) {
            sb.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                value(sb, list.get(i));
            }
            sb.append(']');
        } else {
            string(sb, v.toString());
        }
    }

    private static void string(StringBuilder sb, String s) {
        dev.sluice.common.text.JsonText.appendString(sb, s);
    }
}
