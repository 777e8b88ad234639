package dev.sluice.shell;

import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;

/**
 * Renders a finished result in the chosen {@link OutputFormat}: an aligned table (see {@link
 * TableRenderer}), CSV with a header line (NULL is the empty unquoted field, as in PostgreSQL's COPY),
 * or JSON lines (one object per row; numbers and booleans unquoted, NULL as {@code null}).
 */
final class ResultPrinter {
    private final ShellSettings settings;
    private final Style style;
    private final IntSupplier terminalWidth;

    ResultPrinter(ShellSettings settings, Style style, IntSupplier terminalWidth) {
        this.settings = settings;
        this.style = style;
        this.terminalWidth = terminalWidth;
    }

    String render(List<Column> columns, List<String[]> rows) {
        return switch (settings.format) {
            case table -> TableRenderer.render(columns, rows, tableOptions());
            case csv ->
                csvLine(headerOf(columns))
                        + rows.stream().map(ResultPrinter::csvLine).reduce("", String::concat);
            case json -> rows.stream().map(r -> jsonLine(columns, r)).reduce("", String::concat);
        };
    }

    TableRenderer.Options tableOptions() {
        return new TableRenderer.Options(
                settings.showTypes, settings.nullText, settings.expanded, terminalWidth.getAsInt(), style);
    }

    private static String[] headerOf(List<Column> columns) {
        return columns.stream().map(Column::name).toArray(String[]::new);
    }

    static String csvLine(String[] values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            String v = values[i];
            if (v == null) {
                continue; // CSV NULL is the empty unquoted field, as in PostgreSQL's COPY
            }
            if (v.isEmpty()
                    || v.indexOf(',') >= 0
                    || v.indexOf('"') >= 0
                    || v.indexOf('\n') >= 0
                    || v.indexOf('\r') >= 0) {
                sb.append('"').append(v.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(v);
            }
        }
        return sb.append('\n').toString();
    }

    static String jsonLine(List<Column> columns, String[] row) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            appendJsonString(sb, columns.get(i).name());
            sb.append(':');
            String v = row[i];
            if (v == null) {
                sb.append("null");
            } else if (isJsonNumber(columns.get(i), v) || isJsonBoolean(columns.get(i), v)) {
                sb.append(isJsonBoolean(columns.get(i), v) ? (v.startsWith("t") ? "true" : "false") : v);
            } else {
                appendJsonString(sb, v);
            }
        }
        return sb.append("}\n").toString();
    }

    private static boolean isJsonNumber(Column c, String v) {
        // NaN and Infinity are valid float8 values but not JSON numbers
        return TableRenderer.isNumeric(c) && v.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?");
    }

    private static boolean isJsonBoolean(Column c, String v) {
        return c.type() != null
                && c.type().toLowerCase(Locale.ROOT).startsWith("bool")
                && (v.equals("t") || v.equals("f") || v.equals("true") || v.equals("false"));
    }

    private static void appendJsonString(StringBuilder sb, String s) {
        dev.sluice.common.text.JsonText.appendString(sb, s);
    }
}
