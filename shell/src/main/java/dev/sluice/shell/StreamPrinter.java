package dev.sluice.shell;

import java.io.PrintStream;
import java.util.List;

/**
 * Prints the rows of a push query as they arrive, one line per row, flushed at once. The change
 * kind column {@code op} (SPEC §3: {@code +I -U +U -D}) is shown first and colored; append-only
 * results have no {@code op} and print plain rows.
 *
 * <p>The widths of a finished table are not known while rows stream, so each column starts at its
 * header's width and grows when a wider value arrives; later rows line up with the widest so far.
 */
final class StreamPrinter {
    private final ShellSettings settings;
    private final Style style;
    private final PrintStream out;
    private List<Column> columns;
    private int[] widths;
    private int opIndex = -1;
    private long rows;

    StreamPrinter(ShellSettings settings, Style style, PrintStream out) {
        this.settings = settings;
        this.style = style;
        this.out = out;
    }

    void start(List<Column> resultColumns) {
        this.columns = resultColumns;
        opIndex = -1;
        for (int i = 0; i < resultColumns.size(); i++) {
            if (resultColumns.get(i).name().equalsIgnoreCase("op")) {
                opIndex = i;
                break;
            }
        }
        widths = new int[columns.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = TableRenderer.width(columns.get(i).name());
        }
        switch (settings.format) {
            case table -> {
                StringBuilder sb = new StringBuilder();
                int[] order = order();
                for (int k = 0; k < order.length; k++) {
                    int i = order[k];
                    sb.append(k == 0 ? " " : " | ")
                            .append(style.header(
                                    TableRenderer.padRight(columns.get(i).name(), widths[i])));
                }
                sb.append('\n');
                for (int k = 0; k < order.length; k++) {
                    sb.append(k == 0 ? "-" : "-+-").append("-".repeat(widths[order[k]]));
                }
                out.println(sb.append('-'));
            }
            case csv ->
                out.print(ResultPrinter.csvLine(
                        reorder(columns.stream().map(Column::name).toArray(String[]::new))));
            case json -> {}
        }
        out.flush();
    }

    void row(String[] values) {
        rows++;
        switch (settings.format) {
            case table -> {
                TableRenderer.Options o = new TableRenderer.Options(false, settings.nullText, Expanded.OFF, 0, style);
                StringBuilder sb = new StringBuilder();
                int[] order = order();
                for (int k = 0; k < order.length; k++) {
                    int i = order[k];
                    String text = TableRenderer.cell(values[i], o);
                    widths[i] = Math.max(widths[i], TableRenderer.width(text));
                    String padded = TableRenderer.isNumeric(columns.get(i))
                            ? TableRenderer.padLeft(text, widths[i])
                            : TableRenderer.padRight(text, widths[i]);
                    if (i == opIndex) {
                        padded = style.op(padded);
                    } else if (values[i] == null) {
                        padded = style.nul(padded);
                    }
                    sb.append(k == 0 ? " " : " | ").append(padded);
                }
                out.println(sb.toString().stripTrailing());
            }
            case csv -> out.print(ResultPrinter.csvLine(reorder(values)));
            case json -> out.print(ResultPrinter.jsonLine(reorderColumns(), reorder(values)));
        }
        out.flush();
    }

    long rows() {
        return rows;
    }

    /** Column indexes in print order: op first. */
    private int[] order() {
        int[] order = new int[columns.size()];
        int k = 0;
        if (opIndex >= 0) {
            order[k++] = opIndex;
        }
        for (int i = 0; i < columns.size(); i++) {
            if (i != opIndex) {
                order[k++] = i;
            }
        }
        return order;
    }

    private String[] reorder(String[] values) {
        int[] order = order();
        String[] out = new String[values.length];
        for (int k = 0; k < order.length; k++) {
            out[k] = values[order[k]];
        }
        return out;
    }

    private List<Column> reorderColumns() {
        return java.util.Arrays.stream(order()).mapToObj(columns::get).toList();
    }
}
