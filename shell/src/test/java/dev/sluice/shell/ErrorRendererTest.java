package dev.sluice.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.shell.ErrorRenderer.ErrorInfo;
import org.junit.jupiter.api.Test;

class ErrorRendererTest {
    @Test
    void caretUnderThePositionWithHint() {
        String sql = "SELECT * FROMM users";
        ErrorInfo e = ErrorInfo.of(
                FakeBackend.serverError("42601", "syntax error at or near \"FROMM\"", 10, "did you mean FROM?"));
        assertEquals(
                """
                ERROR:  syntax error at or near "FROMM" (SQLSTATE 42601)
                LINE 1: SELECT * FROMM users
                                 ^
                HINT:  did you mean FROM?
                """,
                ErrorRenderer.render(e, sql, null, 1, Style.PLAIN));
    }

    @Test
    void multiLineStatementInAScriptShowsTheScriptLine() {
        String sql = "SELECT a,\n\tb,\n  nope FROM t";
        ErrorInfo e = new ErrorInfo("42703", "column \"nope\" does not exist", null, null, sql.indexOf("nope") + 1);
        assertEquals(
                """
                load.sql:12: ERROR:  column "nope" does not exist (SQLSTATE 42703)
                LINE 12:   nope FROM t
                           ^
                """,
                ErrorRenderer.render(e, sql, "load.sql", 10, Style.PLAIN));
    }

    @Test
    void longLinesAreCutAroundTheCaret() {
        String sql = "SELECT " + "x, ".repeat(60) + "@ FROM t";
        int pos = sql.indexOf('@') + 1;
        String out = ErrorRenderer.render(new ErrorInfo("42601", "bad", null, null, pos), sql, null, 1, Style.PLAIN);
        String[] lines = out.split("\n");
        int caret = lines[2].indexOf('^');
        assertEquals('@', lines[1].charAt(caret));
        assertEquals(true, lines[1].length() < 120);
    }

    @Test
    void errorWithoutPositionOrServerMessage() {
        ErrorInfo e = ErrorInfo.of(new java.sql.SQLException("An I/O error occurred", "08006"));
        assertEquals(
                "ERROR:  An I/O error occurred (SQLSTATE 08006)\n",
                ErrorRenderer.render(e, "SELECT 1", null, 1, Style.PLAIN));
    }
}
