package dev.sluice.shell;

import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Shows a failed statement the way psql does, plus the SQLSTATE and, in scripts, where:
 *
 * <pre>
 * setup.sql:3: ERROR:  syntax error at or near "FROMM" (SQLSTATE 42601)
 * LINE 3: SELECT * FROMM t
 *                  ^
 * HINT:  ...
 * </pre>
 *
 * The server's position is 1-based, in characters, in the text of the statement as sent; the
 * statement's own first line in the script turns it into a script line.
 */
final class ErrorRenderer {
    /** Lines longer than this are cut around the error position so that the caret stays visible. */
    private static final int MAX_LINE = 100;

    private ErrorRenderer() {}

    /**
     * What the server said.
     *
     * @param position 1-based character position in the statement, 0 when not given
     */
    record ErrorInfo(String sqlState, String message, String detail, String hint, int position) {
        static ErrorInfo of(SQLException e) {
            if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
                ServerErrorMessage m = p.getServerErrorMessage();
                return new ErrorInfo(m.getSQLState(), m.getMessage(), m.getDetail(), m.getHint(), m.getPosition());
            }
            return new ErrorInfo(e.getSQLState(), e.getMessage(), null, null, 0);
        }
    }

    /**
     * @param statement the statement as sent, or null when the error is not about one
     * @param source the script name ({@code setup.sql}, {@code -c}), or null in interactive use
     * @param firstLine the script line where the statement starts (1 when there is no script)
     */
    static String render(ErrorInfo e, String statement, String source, int firstLine, Style style) {
        StringBuilder sb = new StringBuilder();
        int pos = statement == null ? 0 : Math.min(e.position(), statement.length() + 1);
        int lineInStatement = 0;
        int lineStart = 0;
        if (pos > 0) {
            for (int i = 0; i < pos - 1; i++) {
                if (statement.charAt(i) == '\n') {
                    lineInStatement++;
                    lineStart = i + 1;
                }
            }
        }
        int scriptLine = firstLine + lineInStatement;
        if (source != null) {
            sb.append(source).append(':').append(scriptLine).append(": ");
        }
        String state = e.sqlState() == null || e.sqlState().isEmpty() ? "" : " (SQLSTATE " + e.sqlState() + ")";
        sb.append(style.error("ERROR:"))
                .append("  ")
                .append(e.message())
                .append(style.dim(state))
                .append('\n');
        if (pos > 0) {
            int lineEnd = statement.indexOf('\n', lineStart);
            String line = statement.substring(lineStart, lineEnd < 0 ? statement.length() : lineEnd);
            int column = pos - 1 - lineStart; // 0-based
            appendCaret(sb, "LINE " + scriptLine + ": ", line, column, style);
        }
        if (e.detail() != null && !e.detail().isEmpty()) {
            sb.append("DETAIL:  ").append(e.detail()).append('\n');
        }
        if (e.hint() != null && !e.hint().isEmpty()) {
            sb.append("HINT:  ").append(e.hint()).append('\n');
        }
        return sb.toString();
    }

    private static void appendCaret(StringBuilder sb, String label, String line, int column, Style style) {
        // tabs would make the caret line up differently on different terminals
        String text = line.replace('\t', ' ');
        String prefix = "";
        if (text.length() > MAX_LINE) {
            int from = Math.max(0, Math.min(column - MAX_LINE / 2, text.length() - MAX_LINE));
            int to = Math.min(text.length(), from + MAX_LINE);
            if (from > 0) {
                prefix = "...";
            }
            String suffix = to < text.length() ? "..." : "";
            text = prefix + text.substring(from, to) + suffix;
            column = column - from + prefix.length();
        }
        int caretAt = TableRenderer.width(label)
                + TableRenderer.width(text.substring(0, Math.min(column, text.length())))
                + Math.max(0, column - text.length());
        sb.append(label).append(text).append('\n');
        sb.append(" ".repeat(caretAt)).append(style.error("^")).append('\n');
    }
}
