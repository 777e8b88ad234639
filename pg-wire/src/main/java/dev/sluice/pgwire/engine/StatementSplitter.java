package dev.sluice.pgwire.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a simple-query string at the semicolons that end statements, the way PostgreSQL's lexer
 * would: semicolons inside string literals ({@code '...'}, {@code E'...'}), quoted identifiers,
 * dollar quotes ({@code $tag$...$tag$}), line comments and nested block comments do not count.
 * This is lexing only; the engine parses each fragment.
 */
public final class StatementSplitter {
    private StatementSplitter() {}

    public static List<StatementText> split(String sql) {
        List<StatementText> out = new ArrayList<>();
        int start = 0;
        boolean onlyTrivia = true;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == ';') {
                out.add(new StatementText(sql.substring(start, i), start, onlyTrivia));
                start = i + 1;
                onlyTrivia = true;
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                i = skipBlockComment(sql, i);
            } else if (Character.isWhitespace(c)) {
                i++;
            } else {
                onlyTrivia = false;
                if (c == '\'') {
                    boolean backslashEscapes = i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e');
                    i = skipQuoted(sql, i, '\'', backslashEscapes);
                } else if (c == '"') {
                    i = skipQuoted(sql, i, '"', false);
                } else if (c == '$') {
                    i = skipDollarQuote(sql, i);
                } else {
                    i++;
                }
            }
        }
        if (start < n) {
            out.add(new StatementText(sql.substring(start), start, onlyTrivia));
        }
        return out;
    }

    /** Returns the index after the closing quote (or the end of the text when unterminated). */
    private static int skipQuoted(String sql, int i, char quote, boolean backslashEscapes) {
        i++;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2; // doubled quote is an escaped quote
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return i;
    }

    private static int skipBlockComment(String sql, int i) {
        int depth = 0;
        while (i < sql.length()) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return i;
    }

    /** {@code $tag$ ... $tag$}; a lone {@code $} (as in {@code $1}) is an ordinary character. */
    private static int skipDollarQuote(String sql, int i) {
        int j = i + 1;
        while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
            j++;
        }
        if (j >= sql.length() || sql.charAt(j) != '$' || (j > i + 1 && Character.isDigit(sql.charAt(i + 1)))) {
            return i + 1;
        }
        String tag = sql.substring(i, j + 1);
        int end = sql.indexOf(tag, j + 1);
        return end < 0 ? sql.length() : end + tag.length();
    }
}
