package dev.sluice.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptSplitterTest {
    @Test
    void splitsOnSemicolonsOutsideQuotesCommentsAndParens() {
        List<ScriptItem> items = ScriptSplitter.split(
                "-- header\nINSERT INTO t VALUES ('a;b'); /* ; */ SELECT $$;$$;\nCREATE STREAM s (a INT; b INT);\nSELECT 2");
        assertEquals(
                List.of(
                        ScriptItem.sql("INSERT INTO t VALUES ('a;b')", 10, 2, true),
                        ScriptItem.sql("SELECT $$;$$", 48, 2, true),
                        ScriptItem.sql("CREATE STREAM s (a INT; b INT)", 62, 3, true),
                        ScriptItem.sql("SELECT 2", 94, 4, false)),
                items);
    }

    @Test
    void metaCommandsRunToTheEndOfTheirLine() {
        List<ScriptItem> items = ScriptSplitter.split("\\timing on\nSELECT 1; \\x\n  \\d users\nSELECT\n\\not_meta;");
        assertEquals(
                List.of(
                        ScriptItem.meta("\\timing on", 0, 1),
                        ScriptItem.sql("SELECT 1", 11, 2, true),
                        ScriptItem.meta("\\x", 21, 2),
                        ScriptItem.meta("\\d users", 26, 3),
                        // inside a statement a backslash is the statement's (the server will reject it)
                        ScriptItem.sql("SELECT\n\\not_meta", 35, 4, true)),
                items);
    }

    @Test
    void emptyStatementsAndCommentsAreDropped() {
        assertEquals(List.of(), ScriptSplitter.split(" ;; -- only\n/* comments */"));
    }
}
