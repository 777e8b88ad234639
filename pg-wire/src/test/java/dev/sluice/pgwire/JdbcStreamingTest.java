package dev.sluice.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.pgwire.auth.AuthMethod;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/** pgjdbc: push-query streaming with setFetchSize, cancel, COPY in, SCRAM. */
public class JdbcStreamingTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void fetchSizeStreamsAnEndlessResultWhileItRuns() throws Exception {
        try (Connection c = server.connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.setFetchSize(3);
                long start = System.nanoTime();
                try (ResultSet rs = s.executeQuery("SELECT * FROM ticks EMIT CHANGES")) {
                    List<Long> seen = new ArrayList<>();
                    while (seen.size() < 50 && rs.next()) {
                        assertEquals("+I", rs.getString("op"));
                        seen.add(rs.getLong("n"));
                    }
                    assertEquals(50, seen.size());
                    for (int i = 0; i < seen.size(); i++) {
                        assertEquals(i, seen.get(i));
                    }
                    // rows arrive while the query runs: 50 rows at 5 ms each, not after an end that never comes
                    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10));
                    s.cancel();
                }
            } catch (SQLException e) {
                assertEquals("57014", e.getSQLState());
            }
            c.rollback();
        }
        awaitSourcesClosed();
    }

    @Test
    void cancelStopsARunningPushQuery() throws Exception {
        try (Connection c = server.connect();
                Statement s = c.createStatement()) {
            CompletableFuture<SQLException> failure = CompletableFuture.supplyAsync(() -> {
                try {
                    s.executeQuery("SELECT * FROM ticks EMIT CHANGES");
                    return null;
                } catch (SQLException e) {
                    return e;
                }
            });
            waitUntil(() -> server.engine.openSources.get() > 0);
            Thread.sleep(100);
            s.cancel();
            SQLException e = failure.get(10, TimeUnit.SECONDS);
            assertEquals("57014", e.getSQLState());
            awaitSourcesClosed();
            // the connection stays usable after the cancel
            try (ResultSet rs = s.executeQuery("SELECT 5")) {
                assertTrue(rs.next());
                assertEquals(5, rs.getInt(1));
            }
        }
    }

    @Test
    void pgCancelBackendFromAnotherSession() throws Exception {
        try (Connection victim = server.connect();
                Connection admin = server.connect();
                Statement s = victim.createStatement()) {
            int pid = victim.unwrap(PGConnection.class).getBackendPID();
            CompletableFuture<SQLException> failure = CompletableFuture.supplyAsync(() -> {
                try {
                    s.executeQuery("SELECT * FROM ticks EMIT CHANGES");
                    return null;
                } catch (SQLException e) {
                    return e;
                }
            });
            waitUntil(() -> server.engine.openSources.get() > 0);
            try (ResultSet rs = admin.createStatement().executeQuery("SELECT pg_cancel_backend(" + pid + ")")) {
                assertTrue(rs.next());
                assertTrue(rs.getBoolean(1));
            }
            assertEquals("57014", failure.get(10, TimeUnit.SECONDS).getSQLState());
        }
        awaitSourcesClosed();
    }

    @Test
    void cancelInterruptsABlockingStatement() throws Exception {
        try (Connection c = server.connect();
                Statement s = c.createStatement()) {
            CompletableFuture<SQLException> failure = CompletableFuture.supplyAsync(() -> {
                try {
                    s.executeQuery("SELECT pg_sleep(30)");
                    return null;
                } catch (SQLException e) {
                    return e;
                }
            });
            Thread.sleep(300);
            s.cancel();
            assertEquals("57014", failure.get(10, TimeUnit.SECONDS).getSQLState());
        }
    }

    @Test
    void disconnectReleasesThePushQuery() throws Exception {
        Connection c = server.connect();
        Statement s = c.createStatement();
        CompletableFuture.runAsync(() -> {
            try {
                s.executeQuery("SELECT * FROM ticks EMIT CHANGES");
            } catch (SQLException expected) {
                // the connection is closed under it
            }
        });
        waitUntil(() -> server.engine.openSources.get() > 0);
        // close the socket abruptly, as a killed client would
        ((org.postgresql.core.BaseConnection) c).getQueryExecutor().close();
        awaitSourcesClosed();
    }

    @Test
    void copyInOf100kRows() throws Exception {
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            data.append(i).append('\t').append("name ").append(i).append('\n');
        }
        try (Connection c = server.connect()) {
            c.createStatement().execute("CREATE TABLE copied (id INT, name TEXT)");
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            long n = copy.copyIn(
                    "COPY copied FROM STDIN",
                    new ByteArrayInputStream(data.toString().getBytes(StandardCharsets.UTF_8)));
            assertEquals(100_000, n);
            assertEquals(100_000, server.engine.table("copied").size());
            assertEquals("name 99999", server.engine.table("copied").get(99_999).get(1));
            assertTrue(server.engine.copyBatches.get() >= 100, "rows go to the engine in batches");
        }
    }

    @Test
    void copyInWithBadDataFailsAndKeepsTheSession() throws Exception {
        try (Connection c = server.connect()) {
            c.createStatement().execute("CREATE TABLE badcopy (id INT, name TEXT)");
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            SQLException e = assertThrows(
                    SQLException.class,
                    () -> copy.copyIn(
                            "COPY badcopy FROM STDIN (FORMAT csv)",
                            new ByteArrayInputStream("1,a\nnot-a-number,b\n".getBytes(StandardCharsets.UTF_8))));
            assertEquals("22P02", e.getSQLState());
            assertEquals(0, server.engine.table("badcopy").size());
            try (ResultSet rs = c.createStatement().executeQuery("SELECT 1")) {
                assertTrue(rs.next());
            }
        }
    }

    @Test
    void scramAuthentication() throws Exception {
        try (TestServer scram = TestServer.withAuth(AuthMethod.SCRAM_SHA_256)) {
            Properties p = new Properties();
            p.setProperty("user", "alice");
            p.setProperty("password", "s3cret");
            try (Connection c = java.sql.DriverManager.getConnection(scram.url(), p);
                    ResultSet rs = c.createStatement().executeQuery("SELECT 1")) {
                assertTrue(rs.next());
            }
            p.setProperty("password", "wrong");
            SQLException e =
                    assertThrows(SQLException.class, () -> java.sql.DriverManager.getConnection(scram.url(), p));
            assertEquals("28P01", e.getSQLState());
            p.setProperty("user", "nobody");
            e = assertThrows(SQLException.class, () -> java.sql.DriverManager.getConnection(scram.url(), p));
            assertEquals("28P01", e.getSQLState());
        }
    }

    @Test
    void cleartextPasswordAuthentication() throws Exception {
        try (TestServer pw = TestServer.withAuth(AuthMethod.PASSWORD)) {
            Properties p = new Properties();
            p.setProperty("user", "alice");
            p.setProperty("password", "s3cret");
            try (Connection c = java.sql.DriverManager.getConnection(pw.url(), p)) {
                assertTrue(c.isValid(5));
            }
            p.setProperty("password", "nope");
            SQLException e = assertThrows(SQLException.class, () -> java.sql.DriverManager.getConnection(pw.url(), p));
            assertEquals("28P01", e.getSQLState());
        }
    }

    @Test
    void unknownDatabaseIs3D000() {
        Properties p = new Properties();
        p.setProperty("user", "sluice");
        SQLException e = assertThrows(
                SQLException.class,
                () -> java.sql.DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:" + server.port() + "/nosuchdb", p));
        assertEquals("3D000", e.getSQLState());
    }

    @Test
    void tooManyConnectionsIs53300() throws Exception {
        try (TestServer small = new TestServer(
                        PgServerConfig.defaults().withPort(0).withThreads(1, 4).withMaxConnections(2));
                Connection a = small.connect();
                Connection b = small.connect()) {
            SQLException e = assertThrows(SQLException.class, small::connect);
            assertEquals("53300", e.getSQLState());
            assertTrue(a.isValid(2) && b.isValid(2));
        }
    }

    @Test
    void fetchFromAPushCursorWaitsForRowsOrTheTimeout() throws Exception {
        try (Connection c = server.connect();
                Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("DECLARE live CURSOR FOR SELECT * FROM ticks EMIT CHANGES");
            int rows = 0;
            try (ResultSet rs = s.executeQuery("FETCH 1000 FROM live")) {
                while (rs.next()) {
                    rows++;
                }
            }
            assertTrue(rows >= 1 && rows < 1000, "waits for at least one row, returns what is ready: " + rows);
            s.execute("DECLARE quiet CURSOR FOR SELECT * FROM stall EMIT CHANGES");
            long start = System.nanoTime();
            try (ResultSet rs = s.executeQuery("FETCH 5 FROM quiet WITH (timeout = '200ms')")) {
                assertTrue(!rs.next(), "no rows before the timeout");
            }
            long waitedMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(waitedMs >= 190 && waitedMs < 5000, "waited " + waitedMs + " ms");
            c.commit(); // closes both cursors
        }
        awaitSourcesClosed();
    }

    @Test
    void anEngineBugIsAnErrorNotADisconnect() throws Exception {
        try (Connection c = server.connect();
                Statement s = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> s.execute("SELECT npe"));
            assertEquals("XX000", e.getSQLState());
            assertTrue(c.isValid(2));
        }
    }

    @Test
    void closingTheServerTellsSessionsItIsShuttingDown() throws Exception {
        TestServer other = new TestServer();
        try (Connection c = other.connect()) {
            other.close();
            SQLException e =
                    assertThrows(SQLException.class, () -> c.createStatement().execute("SELECT 1"));
            assertTrue(e.getSQLState().equals("57P01") || e.getSQLState().startsWith("08"), e.getSQLState());
        }
    }

    static void awaitSourcesClosed() throws InterruptedException {
        waitUntil(() -> server.engine.openSources.get() == 0);
    }

    public static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(10);
        }
    }
}
