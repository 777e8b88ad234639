package dev.sluice.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jline.utils.WCWidth;

/**
 * Renders a finished result as an aligned table (psql's layout) or, for {@code \x} and for tables
 * wider than the terminal in {@code \x auto}, as one block per row with long values wrapped.
 *
 * <pre>
 *  id | name          -[ RECORD 1 ]
 * ----+------         id   | 1
 *   1 | ann           name | ann
 *  22 | NULL
 * (2 rows)
 * </pre>
 *
 * Numbers are right-aligned (by the column's type name), NULL is shown as {@code nullText} and
 * styled, so that it stands apart from the string {@code 'NULL'} on a color terminal. Widths are
 * terminal columns (wide characters count twice), measured before styling.
 */
final class TableRenderer {
    private static final Set<String> NUMERIC_TYPES = Set.of(
            "int2",
            "int4",
            "int8",
            "float4",
            "float8",
            "numeric",
            "oid",
            "smallint",
            "integer",
            "bigint",
            "real",
            "double precision",
            "decimal",
            "serial",
            "bigserial");

    /**
     * How to render.
     *
     * @param showTypes a second header line with the column types
     * @param nullText what NULL looks like
     * @param expanded table, records, or decide by {@code width}
     * @param width the terminal width, 0 when unknown (no wrapping, no automatic switch)
     * @param style colors
     */
    record Options(boolean showTypes, String nullText, Expanded expanded, int width, Style style) {
        static Options plain() {
            return new Options(false, "NULL", Expanded.OFF, 0, Style.PLAIN);
        }
    }

    private TableRenderer() {}

    static String render(List<Column> columns, List<String[]> rows, Options o) {
        int n = columns.size();
        int[] widths = new int[n];
        for (int i = 0; i < n; i++) {
            widths[i] = Math.max(
                    width(columns.get(i).name()),
                    o.showTypes() ? width(columns.get(i).type()) : 0);
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], width(cell(row[i], o)));
            }
        }
        int total = 0;
        for (int w : widths) {
            total += w + 3;
        }
        boolean vertical = o.expanded() == Expanded.ON
                || o.expanded() == Expanded.AUTO && o.width() > 0 && total - 1 > o.width() && n > 1;
        StringBuilder sb = new StringBuilder();
        if (vertical) {
            renderVertical(sb, columns, rows, o);
        } else {
            renderTable(sb, columns, rows, widths, o);
        }
        sb.append(rowCount(rows.size())).append('\n');
        return sb.toString();
    }

    static String rowCount(long n) {
        return "(" + n + (n == 1 ? " row)" : " rows)");
    }

    private static void renderTable(StringBuilder sb, List<Column> columns, List<String[]> rows, int[] w, Options o) {
        int n = columns.size();
        Style s = o.style();
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? " " : " | ")
                    .append(s.header(center(columns.get(i).name(), w[i], i == n - 1)));
        }
        sb.append('\n');
        if (o.showTypes()) {
            for (int i = 0; i < n; i++) {
                sb.append(i == 0 ? " " : " | ")
                        .append(s.dim(center(columns.get(i).type(), w[i], i == n - 1)));
            }
            sb.append('\n');
        }
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "-" : "-+-").append("-".repeat(w[i]));
        }
        sb.append("-\n");
        for (String[] row : rows) {
            for (int i = 0; i < n; i++) {
                String text = cell(row[i], o);
                boolean last = i == n - 1;
                String padded = isNumeric(columns.get(i)) ? padLeft(text, w[i]) : last ? text : padRight(text, w[i]);
                sb.append(i == 0 ? " " : " | ").append(row[i] == null ? s.nul(padded) : padded);
            }
            trimTrailingSpaces(sb);
            sb.append('\n');
        }
    }

    private static void renderVertical(StringBuilder sb, List<Column> columns, List<String[]> rows, Options o) {
        int label = 0;
        for (Column c : columns) {
            label = Math.max(label, width(c.name()));
        }
        // room left for a value after "name | "; wrap there when the terminal width is known
        int room = o.width() > 0 ? Math.max(10, o.width() - label - 3) : Integer.MAX_VALUE;
        for (int r = 0; r < rows.size(); r++) {
            String title = "-[ RECORD " + (r + 1) + " ]";
            sb.append(o.style().dim(title + "-".repeat(Math.max(0, Math.min(label + 3 + 10, 60) - title.length()))))
                    .append('\n');
            String[] row = rows.get(r);
            for (int i = 0; i < columns.size(); i++) {
                String text = cell(row[i], o);
                List<String> parts = wrap(text, room);
                for (int p = 0; p < parts.size(); p++) {
                    String name = p == 0 ? columns.get(i).name() : "";
                    String part = parts.get(p);
                    sb.append(o.style().header(padRight(name, label)))
                            .append(" | ")
                            .append(row[i] == null ? o.style().nul(part) : part);
                    trimTrailingSpaces(sb);
                    sb.append('\n');
                }
            }
        }
    }

    /** Splits text into pieces of at most {@code room} terminal columns. */
    static List<String> wrap(String text, int room) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int w = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int cw = Math.max(0, WCWidth.wcwidth(cp));
            if (w + cw > room && cur.length() > 0) {
                parts.add(cur.toString());
                cur.setLength(0);
                w = 0;
            }
            cur.appendCodePoint(cp);
            w += cw;
            i += Character.charCount(cp);
        }
        parts.add(cur.toString());
        return parts;
    }

    /** A value as one line: control characters become visible escapes so rows stay one line high. */
    static String cell(String value, Options o) {
        if (value == null) {
            return o.nullText();
        }
        if (value.chars().noneMatch(c -> c < 0x20)) {
            return value;
        }
        StringBuilder sb = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    static boolean isNumeric(Column c) {
        return c.type() != null && NUMERIC_TYPES.contains(c.type().toLowerCase(Locale.ROOT));
    }

    /** Terminal columns taken by the text. */
    static int width(String s) {
        if (s == null) {
            return 0;
        }
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            w += Math.max(0, WCWidth.wcwidth(cp));
            i += Character.charCount(cp);
        }
        return w;
    }

    static String padRight(String s, int width) {
        return s + " ".repeat(Math.max(0, width - width(s)));
    }

    static String padLeft(String s, int width) {
        return " ".repeat(Math.max(0, width - width(s))) + s;
    }

    /** Headers are centered, as in psql; the last one is not padded on the right. */
    private static String center(String s, int width, boolean last) {
        int space = Math.max(0, width - width(s));
        int left = space / 2;
        return " ".repeat(left) + s + (last ? "" : " ".repeat(space - left));
    }

    private static void trimTrailingSpaces(StringBuilder sb) {
        int end = sb.length();
        while (end > 0 && sb.charAt(end - 1) == ' ') {
            end--;
        }
        sb.setLength(end);
    }
}
