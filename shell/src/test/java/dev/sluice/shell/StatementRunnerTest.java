package dev.sluice.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.shell.StatementRunner.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatementRunnerTest {
    private static final List<Column> USERS = List.of(new Column("id", "int4"), new Column("name", "text"));

    private final FakeBackend backend = new FakeBackend();
    private final ShellSettings settings = new ShellSettings();
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private int catalogChanges;
    private final StatementRunner runner = new StatementRunner(
            backend,
            settings,
            ShellIo.plain(
                    new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                    new PrintStream(errBytes, true, StandardCharsets.UTF_8)),
            () -> catalogChanges++);

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void runsEachStatementAloneAndPrintsTablesAndTags() {
        backend.update("INSERT INTO users VALUES (1, 'ann'), (2, NULL)", 2)
                .rows("SELECT * FROM users", USERS, new String[] {"1", "ann"}, new String[] {"2", null});
        Outcome outcome =
                runner.runScript("INSERT INTO users VALUES (1, 'ann'), (2, NULL);\nSELECT * FROM users;", "t.sql");
        assertEquals(Outcome.OK, outcome);
        assertEquals(
                List.of("INSERT INTO users VALUES (1, 'ann'), (2, NULL)", "SELECT * FROM users"), backend.executed);
        assertEquals(
                """
                INSERT 2
                 id | name
                ----+------
                  1 | ann
                  2 | NULL
                (2 rows)
                """,
                out());
    }

    @Test
    void scriptOfHundredStatementsStopsAtTheFirstFailureAndSaysWhere(@TempDir Path dir) throws Exception {
        StringBuilder script = new StringBuilder("-- setup\n");
        for (int i = 1; i <= 100; i++) {
            String sql = "INSERT INTO t VALUES (" + i + ")";
            if (i == 42) {
                sql = "INSERT INTO t VALUES (42,\n  oops)";
                backend.error(sql, "42703", "column \"oops\" does not exist", sql.indexOf("oops") + 1, null);
            } else {
                backend.update(sql, 1);
            }
            script.append(sql).append(";\n");
        }
        Path file = dir.resolve("load.sql");
        Files.writeString(file, script);
        Outcome outcome = runner.run(ScriptItem.meta("\\i " + file, 0, 1), "-c");
        assertEquals(Outcome.FAILED, outcome);
        assertEquals(42, backend.executed.size(), "nothing after the failing statement runs");
        // statement 42 starts on line 43 (after the comment line); the error is on its second line
        assertEquals(
                file + ":44: ERROR:  column \"oops\" does not exist (SQLSTATE 42703)\n"
                        + "LINE 44:   oops)\n"
                        + "           ^\n",
                err());
    }

    @Test
    void statementsAfterAMetaCommandOnTheSameLineRun() {
        backend.rows("SELECT 1", List.of(new Column("?column?", "int4")), new String[] {"1"});
        assertEquals(Outcome.OK, runner.runScript("\\timing on\nSELECT 1; \\x\nSELECT 1;", "-c"));
        assertTrue(settings.timing);
        assertEquals(Expanded.ON, settings.expanded);
        assertTrue(out().startsWith(" ?column?\n----------\n        1\n(1 row)\nTime: "), out());
        assertTrue(out().contains("-[ RECORD 1 ]"), out());
    }

    @Test
    void ddlRefreshesTheCatalog() {
        backend.update("CREATE STREAM s (a INT)", 0).update("DROP STREAM s", 0);
        runner.runScript("CREATE STREAM s (a INT); DROP STREAM s;", null);
        assertEquals(2, catalogChanges);
        assertEquals("CREATE STREAM\nDROP STREAM\n", out());
    }

    @Test
    void pushQueryStreamsRowsWithOpFirstUntilCancelled() throws Exception {
        List<Column> cols = List.of(new Column("user_id", "int4"), new Column("op", "text"), new Column("n", "int8"));
        backend.endless(
                "SELECT user_id, COUNT(*) AS n FROM pageviews GROUP BY user_id EMIT CHANGES",
                cols,
                new String[] {"1", "+I", "1"},
                new String[] {"1", "-U", "1"},
                new String[] {"1", "+U", "2"});
        CompletableFuture<Outcome> running = CompletableFuture.supplyAsync(() ->
                runner.runScript("SELECT user_id, COUNT(*) AS n FROM pageviews GROUP BY user_id EMIT CHANGES;", null));
        assertTrue(backend.streaming.await(10, TimeUnit.SECONDS));
        // the rows are out before the query ends
        assertTrue(out().contains(" +U |       1 | 2"), out());
        runner.cancel();
        assertEquals(Outcome.OK, running.get(10, TimeUnit.SECONDS), "Ctrl-C on a push query is not a failure");
        assertEquals(List.of(true), backend.pushFlags);
        String[] lines = out().split("\n");
        assertEquals(" op | user_id | n", lines[0]);
        assertEquals("----+---------+---", lines[1]);
        assertEquals(" +I |       1 | 1", lines[2]);
        assertTrue(lines[5].startsWith("(3 rows received in "), lines[5]);
        assertTrue(lines[5].endsWith("; cancelled)"), lines[5]);
        assertEquals("", err());
    }

    @Test
    void cancelledOrdinaryStatementIsAnError() {
        backend.error("SELECT pg_sleep(100)", "57014", "canceling statement due to user request", 0, null);
        assertEquals(Outcome.FAILED, runner.runScript("SELECT pg_sleep(100);", null));
        assertEquals("ERROR:  canceling statement due to user request (SQLSTATE 57014)\n", err());
    }

    @Test
    void csvAndJsonOmitTagsAndKeepRows() {
        backend.update("INSERT INTO users VALUES (3, 'x')", 1)
                .rows("SELECT * FROM users", USERS, new String[] {"3", "x"});
        settings.format = OutputFormat.json;
        runner.runScript("INSERT INTO users VALUES (3, 'x'); SELECT * FROM users;", "-c");
        assertEquals("{\"id\":3,\"name\":\"x\"}\n", out());
    }

    @Test
    void unknownMetaCommandFailsWithItsLine() {
        assertEquals(Outcome.FAILED, runner.runScript("\n\\nope\n", "x.sql"));
        assertEquals("x.sql:2: ERROR:  invalid command \\nope; try \\? for help\n", err());
    }

    @Test
    void describeAndListUseTheCatalog() {
        backend.catalog
                .add("users", "TABLE", USERS.toArray(new Column[0]))
                .add("pageviews", "STREAM", new Column("page", "text"));
        assertEquals(Outcome.OK, runner.runScript("\\d\n\\d users\n\\dt\n", "-c"));
        assertEquals(
                """
                 Schema |   Name    |  Type
                --------+-----------+--------
                 public | pageviews | stream
                 public | users     | table
                (2 rows)
                 Column | Type
                --------+------
                 id     | int4
                 name   | text
                (2 rows)
                 Schema | Name  | Type
                --------+-------+-------
                 public | users | table
                (1 row)
                """,
                out());
        assertEquals(Outcome.FAILED, runner.runScript("\\d nosuch", null));
        assertTrue(err().contains("did not find any relation named \"nosuch\""), err());
    }

    @Test
    void outputRedirectGoesToTheFileAndBack(@TempDir Path dir) throws Exception {
        backend.rows("SELECT 1", List.of(new Column("?column?", "int4")), new String[] {"1"});
        Path file = dir.resolve("out.txt");
        runner.runScript("\\o " + file + "\nSELECT 1;\n\\o\nSELECT 1;\n", null);
        assertTrue(Files.readString(file).contains("(1 row)"));
        assertEquals(1, out().split("\\(1 row\\)", -1).length - 1);
    }

    @Test
    void setChangesSettingsAndRejectsNonsense() {
        assertEquals(Outcome.OK, runner.runScript("\\set null (null)\n\\set types on\n", null));
        assertEquals("(null)", settings.nullText);
        assertTrue(settings.showTypes);
        assertEquals(Outcome.FAILED, runner.runScript("\\set format xml", null));
        assertTrue(err().contains("format must be one of table, csv, json"), err());
        assertFalse(err().contains("Exception"));
    }

    @Test
    void quitEndsTheScript() {
        backend.update("SET a = 1", 0);
        assertEquals(Outcome.QUIT, runner.runScript("\\q\nSET a = 1;", null));
        assertTrue(backend.executed.isEmpty());
    }
}
