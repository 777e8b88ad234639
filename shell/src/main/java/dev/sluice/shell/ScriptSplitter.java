package dev.sluice.shell;

import dev.sluice.sql.lexer.SqlLexer;
import dev.sluice.sql.lexer.SqlToken;
import dev.sluice.sql.lexer.TokenCategory;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits shell input into statements and meta-commands with the server's own lexer, so that a
 * {@code ;} inside a string, quoted identifier, dollar quote or comment never splits a statement.
 *
 * <p>Why the lexer and not {@code SqlParser.parseStatements}: the parser rejects the whole input when
 * one statement has a syntax error, but the shell must still send that statement so that the
 * server reports the error with its SQLSTATE and position (and the statements before it must run
 * first). The statement boundaries are the same: a {@code ;} outside parentheses, as in psql.
 *
 * <p>A backslash that starts a statement begins a meta-command that runs to the end of its line
 * ({@code SELECT 1; \x} is a statement and then a meta-command), as in psql.
 */
final class ScriptSplitter {
    private ScriptSplitter() {}

    static List<ScriptItem> split(String input) {
        List<ScriptItem> items = new ArrayList<>();
        List<SqlToken> tokens = SqlLexer.tokenize(input);
        int start = -1; // offset where the pending statement starts, -1 when none is pending
        int startLine = 0;
        int depth = 0;
        int skipUntil = 0; // end of the meta-command line being consumed
        for (SqlToken t : tokens) {
            if (t.start() < skipUntil) {
                continue;
            }
            if (t.category() == TokenCategory.WHITESPACE || t.category() == TokenCategory.COMMENT) {
                continue;
            }
            if (start < 0 && t.text().equals("\\")) {
                int end = input.indexOf('\n', t.start());
                end = end < 0 ? input.length() : end;
                items.add(ScriptItem.meta(input.substring(t.start(), end).strip(), t.start(), t.line()));
                skipUntil = end;
                continue;
            }
            if (start < 0 && t.text().equals(";")) {
                continue; // an empty statement: nothing to send
            }
            if (start < 0) {
                start = t.start();
                startLine = t.line();
                depth = 0;
            }
            if (t.text().equals("(")) {
                depth++;
            } else if (t.text().equals(")")) {
                depth = Math.max(0, depth - 1);
            } else if (t.text().equals(";") && t.category() == TokenCategory.PUNCTUATION && depth == 0) {
                items.add(ScriptItem.sql(input.substring(start, t.start()).strip(), start, startLine, true));
                start = -1;
            }
        }
        if (start >= 0) {
            items.add(ScriptItem.sql(input.substring(start).strip(), start, startLine, false));
        }
        return items;
    }
}
