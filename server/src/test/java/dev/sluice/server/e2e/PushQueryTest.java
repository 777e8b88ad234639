package dev.sluice.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.server.testing.SluiceProcess;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Push queries through real clients (SPEC §3, §5): pgjdbc streams rows as they are inserted with
 * {@code setFetchSize}, a table's changes carry the {@code op} column, {@code SUBSCRIBE ... WITH
 * (snapshot = true)} emits the current contents then the changes, {@code Statement.cancel()} ends a
 * push query with 57014 and leaves the session usable, cursors fetch with a timeout, and psql prints
 * {@code COPY (... EMIT CHANGES) TO STDOUT} rows as they arrive.
 */
@Tag("integration")
class PushQueryTest {
    private static SluiceProcess server;

    @BeforeAll
    static void start() throws Exception {
        server = SluiceProcess.start();
        try (Connection c = server.connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE STREAM clicks (user_id INT, page TEXT) WITH (partitions = 2, key = 'user_id')");
            s.execute("CREATE TABLE accounts (id INT PRIMARY KEY, owner TEXT, balance INT)");
            s.execute("INSERT INTO accounts VALUES (1, 'ann', 10), (2, 'bob', 20)");
            s.execute("CREATE MATERIALIZED VIEW clicks_per_user AS"
                    + " SELECT user_id, COUNT(*) AS n FROM clicks GROUP BY user_id");
            s.execute("INSERT INTO clicks VALUES (1, '/a'), (1, '/b'), (2, '/a')");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Reads rows of a push query on its own thread into a queue, as "col|col|..." strings. */
    private static Thread reader(Statement s, String sql, BlockingQueue<String> rows, List<SQLException> errors) {
        Thread t = new Thread(() -> {
            try (ResultSet rs = s.executeQuery(sql)) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder sb = new StringBuilder();
                    for (int i = 1; i <= n; i++) {
                        sb.append(i > 1 ? "|" : "").append(rs.getString(i));
                    }
                    rows.add(sb.toString());
                }
            } catch (SQLException e) {
                errors.add(e);
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * A push query starts "now", when it is executed: waits until pg_stat_activity shows a session
     * running {@code sql}, plus a moment for it to take its start offsets, so rows inserted next are
     * part of it however loaded the machine is.
     */
    private static void awaitRunning(String sql) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (Connection c = server.connect();
                java.sql.PreparedStatement p =
                        c.prepareStatement("SELECT COUNT(*) FROM pg_stat_activity WHERE query = ?")) {
            p.setString(1, sql);
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = p.executeQuery()) {
                    if (rs.next() && rs.getLong(1) > 0) {
                        Thread.sleep(300);
                        return;
                    }
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("the push query never showed in pg_stat_activity: " + sql);
    }

    private static List<String> take(BlockingQueue<String> rows, int n) throws InterruptedException {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String row = rows.poll(10, TimeUnit.SECONDS);
            assertTrue(row != null, "expected " + n + " rows, got " + out);
            out.add(row);
        }
        return out;
    }

    @Test
    void streamRowsArriveAsTheyAreInsertedAndCancelEndsTheQuery() throws Exception {
        try (Connection push = server.connect();
                Connection writer = server.connect();
                Statement w = writer.createStatement()) {
            push.setAutoCommit(false);
            Statement s = push.createStatement();
            s.setFetchSize(1);
            BlockingQueue<String> rows = new LinkedBlockingQueue<>();
            List<SQLException> errors = new ArrayList<>();
            String sql = "SELECT user_id, upper(page) AS page FROM clicks WHERE page <> '/skip' EMIT CHANGES";
            Thread t = reader(s, sql, rows, errors);
            awaitRunning(sql);
            List<Long> latencies = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                long sent = System.nanoTime();
                w.execute("INSERT INTO clicks VALUES (" + (10 + i) + ", '/p" + i + "'), (9, '/skip')");
                assertEquals((10 + i) + "|/P" + i, rows.poll(10, TimeUnit.SECONDS));
                latencies.add((System.nanoTime() - sent) / 1000);
            }
            System.out.println("insert -> push receipt, microseconds: " + latencies);
            Thread.sleep(300); // let the reader's next Execute reach the server: a cancel between them is a no-op
            // Statement.cancel() sends nothing once executeQuery has returned (pgjdbc marks the statement
            // idle while a cursor fetches), so cancel the connection's running query as psql's Ctrl-C does.
            push.unwrap(org.postgresql.PGConnection.class).cancelQuery();
            t.join(10_000);
            assertFalse(t.isAlive(), "the push query ended after cancel");
            assertEquals(1, errors.size());
            assertEquals("57014", errors.get(0).getSQLState());
            assertTrue(rows.isEmpty(), "the filtered row never arrived: " + rows);
            push.rollback();
            try (ResultSet rs = push.createStatement().executeQuery("SELECT COUNT(*) FROM accounts")) {
                assertTrue(rs.next());
                assertEquals(2, rs.getInt(1));
            }
        }
    }

    @Test
    void statementCancelStopsARunningPushQuery() throws Exception {
        try (Connection c = server.connect();
                Statement s = c.createStatement()) {
            BlockingQueue<String> rows = new LinkedBlockingQueue<>();
            List<SQLException> errors = new ArrayList<>();
            // Without a fetch size pgjdbc reads the whole (endless) result inside executeQuery, so the
            // statement is running and Statement.cancel() sends a CancelRequest.
            String sql = "SELECT user_id FROM clicks EMIT CHANGES";
            Thread t = reader(s, sql, rows, errors);
            awaitRunning(sql);
            s.cancel();
            t.join(10_000);
            assertFalse(t.isAlive(), "cancel ended the push query");
            assertEquals(1, errors.size());
            assertEquals("57014", errors.get(0).getSQLState());
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM accounts")) {
                assertTrue(rs.next(), "the connection stays usable");
            }
        }
    }

    @Test
    void tableChangesCarryTheOpColumn() throws Exception {
        try (Connection push = server.connect();
                Connection writer = server.connect();
                Statement w = writer.createStatement()) {
            push.setAutoCommit(false);
            Statement s = push.createStatement();
            s.setFetchSize(1);
            BlockingQueue<String> rows = new LinkedBlockingQueue<>();
            List<SQLException> errors = new ArrayList<>();
            String sql = "SELECT id, owner, balance * 2 AS doubled FROM accounts WHERE balance >= 0 EMIT CHANGES";
            reader(s, sql, rows, errors);
            awaitRunning(sql);
            w.execute("INSERT INTO accounts VALUES (3, 'cy', 5)");
            assertEquals(List.of("+I|3|cy|10"), take(rows, 1));
            w.execute("UPDATE accounts SET balance = 11 WHERE id = 1");
            assertEquals(List.of("-U|1|ann|20", "+U|1|ann|22"), take(rows, 2));
            w.execute("UPDATE accounts SET balance = -1 WHERE id = 2");
            assertEquals(List.of("-D|2|bob|40"), take(rows, 1), "the row left the filter");
            w.execute("DELETE FROM accounts WHERE id = 3");
            assertEquals(List.of("-D|3|cy|10"), take(rows, 1));
            s.cancel();
        }
    }

    @Test
    void subscribeWithSnapshotEmitsContentsThenChanges() throws Exception {
        try (Connection push = server.connect();
                Connection writer = server.connect();
                Statement w = writer.createStatement()) {
            push.setAutoCommit(false);
            Statement s = push.createStatement();
            s.setFetchSize(1);
            BlockingQueue<String> rows = new LinkedBlockingQueue<>();
            List<SQLException> errors = new ArrayList<>();
            List<String> current = new ArrayList<>();
            int userTwo = 0;
            try (ResultSet rs = w.executeQuery("SELECT user_id, n FROM clicks_per_user")) {
                while (rs.next()) {
                    current.add("+I|" + rs.getInt(1) + "|" + rs.getLong(2));
                    userTwo = rs.getInt(1) == 2 ? rs.getInt(2) : userTwo;
                }
            }
            reader(s, "SUBSCRIBE TO clicks_per_user WITH (snapshot = true)", rows, errors);
            List<String> snapshot = take(rows, current.size());
            snapshot.sort(null);
            current.sort(null);
            assertEquals(current, snapshot);
            w.execute("INSERT INTO clicks VALUES (2, '/c')");
            assertEquals(List.of("-U|2|" + userTwo, "+U|2|" + (userTwo + 1)), take(rows, 2));
            Thread.sleep(300);
            assertTrue(rows.isEmpty(), "no duplicates: " + rows);
            s.cancel();
        }
    }

    @Test
    void limitEndsAPushQueryAndCursorsFetchWithATimeout() throws Exception {
        try (Connection c = server.connect();
                Connection writer = server.connect();
                Statement w = writer.createStatement()) {
            c.setAutoCommit(false);
            Statement s = c.createStatement();
            s.execute("DECLARE cur CURSOR FOR SELECT user_id FROM clicks WHERE user_id >= 100 EMIT CHANGES");
            long started = System.nanoTime();
            try (ResultSet rs = s.executeQuery("FETCH 10 FROM cur WITH (timeout = '300ms')")) {
                assertFalse(rs.next(), "nothing inserted yet");
            }
            assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(250), "FETCH waited");
            w.execute("INSERT INTO clicks VALUES (100, '/x'), (101, '/y')");
            List<Integer> got = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (got.size() < 2 && System.nanoTime() < deadline) {
                try (ResultSet rs = s.executeQuery("FETCH 10 FROM cur WITH (timeout = '1s')")) {
                    while (rs.next()) {
                        got.add(rs.getInt(1));
                    }
                }
            }
            got.sort(null);
            assertEquals(List.of(100, 101), got);
            s.execute("CLOSE cur");
            c.commit();

            BlockingQueue<String> rows = new LinkedBlockingQueue<>();
            List<SQLException> errors = new ArrayList<>();
            String limited = "SELECT user_id FROM clicks EMIT CHANGES LIMIT 2";
            Thread t = reader(writer.createStatement(), limited, rows, errors);
            awaitRunning(limited);
            try (Connection other = server.connect()) {
                other.createStatement().execute("INSERT INTO clicks VALUES (7, '/1'), (7, '/2'), (7, '/3')");
            }
            t.join(10_000);
            assertFalse(t.isAlive(), "LIMIT 2 ended the push query");
            assertEquals(List.of("7", "7"), new ArrayList<>(rows));
            assertTrue(errors.isEmpty(), errors.toString());
        }
    }

    @Test
    void pushQueryErrorsAreClear() throws Exception {
        try (Connection c = server.connect();
                Statement s = c.createStatement()) {
            SQLException e = assertThrows(
                    SQLException.class,
                    () -> s.executeQuery(
                            "SELECT c.user_id FROM clicks c JOIN accounts a ON a.id = c.user_id" + " EMIT CHANGES"));
            assertEquals("0A000", e.getSQLState());
            assertTrue(e.getMessage().contains("JOIN"), e.getMessage());
            e = assertThrows(SQLException.class, () -> s.executeQuery("SELECT nope FROM clicks EMIT CHANGES"));
            assertEquals("42703", e.getSQLState());
            e = assertThrows(
                    SQLException.class,
                    () -> s.execute("CREATE STREAM totals AS SELECT user_id, COUNT(*) FROM clicks GROUP BY user_id"));
            assertEquals("0A000", e.getSQLState());
            assertTrue(e.getMessage().contains("CREATE TABLE AS"), e.getMessage());
            // The error names the operator whose result updates (the hint is in getMessage too).
            assertTrue(e.getMessage().contains("retract from StreamGroupAggregate(group=[user_id]"), e.getMessage());
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM accounts")) {
                assertTrue(rs.next(), "the session still works");
            }
        }
    }

    @Test
    void psqlPrintsCopyRowsAsTheyArrive() throws Exception {
        List<String> command = new ArrayList<>(List.of(
                "psql",
                "-X",
                "-h",
                "127.0.0.1",
                "-p",
                Integer.toString(server.port()),
                "-U",
                "sluice",
                "sluice",
                "-c",
                "COPY (SELECT user_id, page FROM clicks WHERE page LIKE '/live%' EMIT CHANGES) TO STDOUT"));
        Process psql = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (Connection writer = server.connect();
                BufferedReader out =
                        new BufferedReader(new InputStreamReader(psql.getInputStream(), StandardCharsets.UTF_8))) {
            // psql's output is buffered until the end: wait until the server runs the COPY, then insert.
            awaitRunning(command.get(command.size() - 1));
            writer.createStatement().execute("INSERT INTO clicks VALUES (5, '/live1')");
            Thread.sleep(500);
            writer.createStatement().execute("INSERT INTO clicks VALUES (6, '/live2')");
            Thread.sleep(1000);
            // psql buffers its stdout when it is not a terminal; an interrupt makes it cancel and flush.
            new ProcessBuilder("kill", "-INT", Long.toString(psql.pid()))
                    .start()
                    .waitFor();
            assertTrue(psql.waitFor(10, TimeUnit.SECONDS));
            List<String> lines = out.lines().toList();
            assertTrue(lines.contains("5\t/live1"), lines.toString());
            assertTrue(lines.contains("6\t/live2"), lines.toString());
        } finally {
            psql.destroyForcibly();
        }
    }
}
