package dev.sluice.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.server.testing.SluiceProcess;
import dev.sluice.server.testing.SluiceProcess.ProcessResult;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * {@code statement_timeout} through pgjdbc and psql against a real server: a statement that runs
 * longer (a push query, which runs until stopped) ends with 57014 "canceling statement due to
 * statement timeout" and the session goes on; {@code 0} turns it off; SHOW prints it as PostgreSQL
 * does.
 */
@Tag("integration")
class StatementTimeoutTest {
    private static SluiceProcess server;

    @BeforeAll
    static void start() throws SQLException {
        server = SluiceProcess.start();
        try (Connection c = server.connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE STREAM ticks (n INT)");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String show(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SHOW statement_timeout")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void setAndShowLikePostgres() throws SQLException {
        try (Connection c = server.connect();
                Statement s = c.createStatement()) {
            assertEquals("0", show(s));
            s.execute("SET statement_timeout = '2s'");
            assertEquals("2s", show(s));
            s.execute("SET statement_timeout = 2000");
            assertEquals("2s", show(s));
            s.execute("SET statement_timeout = 60000");
            assertEquals("1min", show(s));
            s.execute("SET statement_timeout TO '1500ms'");
            assertEquals("1500ms", show(s));
            s.execute("SET statement_timeout = '0'");
            assertEquals("0", show(s));
            s.execute("SET statement_timeout = '5min'");
            s.execute("RESET statement_timeout");
            assertEquals("0", show(s));
            SQLException bad = assertThrows(SQLException.class, () -> s.execute("SET statement_timeout = '2 weeks'"));
            assertEquals("22023", bad.getSQLState());
            assertTrue(
                    bad.getMessage().contains("invalid value for parameter \"statement_timeout\": \"2 weeks\""),
                    bad.getMessage());
            assertEquals("0", show(s), "a rejected SET changes nothing");
        }
    }

    @Test
    void aStatementRunningLongerFailsWith57014AndTheSessionGoesOn() throws Exception {
        try (Connection c = server.connect();
                Statement s = c.createStatement()) {
            s.execute("SET statement_timeout = '1s'");
            long started = System.nanoTime();
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("SELECT n FROM ticks EMIT CHANGES"));
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertEquals("57014", e.getSQLState(), e.getMessage());
            assertTrue(e.getMessage().contains("canceling statement due to statement timeout"), e.getMessage());
            assertTrue(tookMs >= 900 && tookMs < 20_000, "took " + tookMs + " ms");

            // The session still works, with the timeout still set; quick statements are not affected.
            try (ResultSet rs = s.executeQuery("SELECT 40 + 2")) {
                rs.next();
                assertEquals(42, rs.getInt(1));
            }
            s.execute("INSERT INTO ticks VALUES (1)");

            // '0' turns it off: the push query runs past 1 s until the client cancels it, and that cancel
            // says "user request".
            s.execute("SET statement_timeout = '0'");
            PGConnection pg = c.unwrap(PGConnection.class);
            CompletableFuture<Void> cancel = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(2500);
                    pg.cancelQuery();
                } catch (Exception ex) {
                    throw new IllegalStateException(ex);
                }
            });
            started = System.nanoTime();
            SQLException cancelled =
                    assertThrows(SQLException.class, () -> s.executeQuery("SELECT n FROM ticks EMIT CHANGES"));
            tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            cancel.get(30, TimeUnit.SECONDS);
            assertEquals("57014", cancelled.getSQLState());
            assertTrue(
                    cancelled.getMessage().contains("canceling statement due to user request"), cancelled.getMessage());
            assertTrue(tookMs >= 2000, "took " + tookMs + " ms, but the timeout was off");
        }
    }

    @Test
    void withAFetchSizeEachBatchIsBoundedNotTheWholePushQuery() throws Exception {
        // As in PostgreSQL, the timer runs per Execute: a push query fetched in batches (pgjdbc
        // setFetchSize) runs as long as each batch arrives in time.
        try (Connection c = server.connect();
                Connection writer = server.connect();
                Statement w = writer.createStatement()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement();
                    Statement settings = c.createStatement()) {
                s.setFetchSize(1);
                // A row every 250 ms until the reader has its 20 (however late the push query
                // starts on a loaded machine), then silence.
                java.util.concurrent.atomic.AtomicBoolean enough = new java.util.concurrent.atomic.AtomicBoolean();
                CompletableFuture<Void> inserts = CompletableFuture.runAsync(() -> {
                    try {
                        for (int i = 0; i < 400 && !enough.get(); i++) {
                            Thread.sleep(250);
                            w.execute("INSERT INTO ticks VALUES (" + (100 + i) + ")");
                        }
                    } catch (Exception ex) {
                        throw new IllegalStateException(ex);
                    }
                });
                try (ResultSet rs = s.executeQuery("SELECT n FROM ticks WHERE n >= 100 EMIT CHANGES")) {
                    // Planning the push query can take a while on a loaded machine: set the timeout
                    // once the first row is there, for the Executes that follow.
                    assertTrue(rs.next());
                    settings.execute("SET statement_timeout = '3s'");
                    long started = System.nanoTime();
                    int seen = 0;
                    while (seen < 20 && rs.next()) {
                        seen++;
                    }
                    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                    enough.set(true);
                    assertEquals(20, seen);
                    assertTrue(tookMs > 3000, "ran " + tookMs + " ms, longer than the timeout");
                    inserts.get(30, TimeUnit.SECONDS);
                    // No more rows come: the next batch waits, and that wait is what times out.
                    SQLException e = assertThrows(SQLException.class, () -> {
                        while (rs.next()) {
                            // the rows already inserted, then the wait for more
                        }
                    });
                    assertEquals("57014", e.getSQLState(), e.getMessage());
                    assertTrue(e.getMessage().contains("statement timeout"), e.getMessage());
                }
            }
            c.rollback();
        }
    }

    @Test
    void psqlSeesTheTimeoutOnAPushQueryAndOnCopyToStdout() {
        ProcessResult show = server.psql("-At", "-c", "SET statement_timeout = 2000", "-c", "SHOW statement_timeout");
        assertEquals(0, show.exitCode(), show.stderr());
        assertEquals("SET\n2s", show.stdout().strip());

        ProcessResult push =
                server.psql("-At", "-c", "SET statement_timeout = '1s'", "-c", "SELECT n FROM ticks EMIT CHANGES");
        assertNotEquals(0, push.exitCode());
        assertTrue(push.stderr().contains("ERROR:  canceling statement due to statement timeout"), push.stderr());

        ProcessResult copy = server.psql(
                "-At", "-c", "SET statement_timeout = '1s'", "-c", "COPY (SELECT n FROM ticks EMIT CHANGES) TO STDOUT");
        assertNotEquals(0, copy.exitCode());
        assertTrue(copy.stderr().contains("ERROR:  canceling statement due to statement timeout"), copy.stderr());

        // Several statements in one message: each gets its own timeout, so the 1 s SET applies to
        // the push query that follows it.
        ProcessResult multi = ProcessResult.run(
                java.util.List.of(
                        "psql",
                        "-X",
                        "-h",
                        "127.0.0.1",
                        "-p",
                        String.valueOf(server.port()),
                        "-U",
                        "sluice",
                        "-At",
                        "-c",
                        "SET statement_timeout = '1s'; SELECT 'before'; SELECT n FROM ticks EMIT CHANGES",
                        "sluice"),
                java.time.Duration.ofMinutes(1));
        assertNotEquals(0, multi.exitCode());
        assertTrue(multi.stderr().contains("canceling statement due to statement timeout"), multi.stderr());
    }
}
