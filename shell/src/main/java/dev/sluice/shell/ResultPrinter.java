package dev.sluice.shell;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Prints result sets as an aligned table, CSV or JSON lines. NULL prints as {@code NULL} in tables. */
final class ResultPrinter {
    static final String NULL_TEXT = "NULL";

    private final PrintStream out;
    private final OutputFormat format;

    ResultPrinter(PrintStream out, OutputFormat format) {
        this.out = out;
        this.format = format;
    }

    void print(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int n = meta.getColumnCount();
        List<String> header = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            header.add(meta.getColumnLabel(i));
        }
        List<String[]> rows = new ArrayList<>();
        while (rs.next()) {
            String[] row = new String[n];
            for (int i = 1; i <= n; i++) {
                row[i - 1] = rs.getString(i);
            }
            rows.add(row);
        }
        out.print(render(header, rows));
        out.flush();
    }

    String render(List<String> header, List<String[]> rows) {
        return switch (format) {
            case table -> renderTable(header, rows);
            case csv -> renderCsv(header, rows);
            case json -> renderJson(header, rows);
        };
    }

    private static String renderTable(List<String> header, List<String[]> rows) {
        int n = header.size();
        int[] widths = new int[n];
        for (int i = 0; i < n; i++) {
            widths[i] = header.get(i).length();
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], display(row[i]).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? " " : " | ").append(pad(header.get(i), widths[i]));
        }
        sb.append('\n');
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "-" : "-+-").append("-".repeat(widths[i]));
        }
        sb.append("-\n");
        for (String[] row : rows) {
            for (int i = 0; i < n; i++) {
                sb.append(i == 0 ? " " : " | ").append(pad(display(row[i]), widths[i]));
            }
            sb.append('\n');
        }
        sb.append('(').append(rows.size()).append(rows.size() == 1 ? " row)\n" : " rows)\n");
        return sb.toString();
    }

    private static String display(String value) {
        return value == null ? NULL_TEXT : value;
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }

    private static String renderCsv(List<String> header, List<String[]> rows) {
        StringBuilder sb = new StringBuilder();
        appendCsvLine(sb, header.toArray(new String[0]));
        for (String[] row : rows) {
            appendCsvLine(sb, row);
        }
        return sb.toString();
    }

    private static void appendCsvLine(StringBuilder sb, String[] values) {
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
        sb.append('\n');
    }

    private static String renderJson(List<String> header, List<String[]> rows) {
        StringBuilder sb = new StringBuilder();
        for (String[] row : rows) {
            sb.append('{');
            for (int i = 0; i < header.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                appendJsonString(sb, header.get(i));
                sb.append(':');
                if (row[i] == null) {
                    sb.append("null");
                } else {
                    appendJsonString(sb, row[i]);
                }
            }
            sb.append("}\n");
        }
        return sb.toString();
    }

    private static void appendJsonString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
