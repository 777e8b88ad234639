package dev.sluice.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sluice.server.testing.SluiceProcess;
import dev.sluice.server.testing.SluiceProcess.ProcessResult;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A push query whose client goes away is released: a client process killed mid-stream (the OS
 * closes its socket) ends its session at once, and every connection carries a short TCP keepalive,
 * so a client that vanishes without closing (host down, network cut) is found within about a
 * minute even while the query has nothing to send (checked with {@code ss}: the kernel's keepalive
 * timer of the server's socket).
 */
@Tag("integration")
class DeadClientTest {
    private static final Pattern KEEPALIVE = Pattern.compile("timer:\\(keepalive,([0-9.]+)(ms|sec|min),");

    private static SluiceProcess server;

    @BeforeAll
    static void start() throws SQLException {
        server = SluiceProcess.start();
        try (Connection c = server.connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE STREAM beats (n INT)");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static long sessions(Statement s, String text, String state) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_catalog.pg_stat_activity WHERE query LIKE '%" + text
                + "%' AND pid <> pg_backend_pid()" + (state == null ? "" : " AND state = '" + state + "'"))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void serverSocketsProbeASilentClientWithinHalfAMinute() throws Exception {
        try (Connection c = server.connect()) {
            // Right after a reply the socket may show its retransmission timer; the keepalive timer
            // runs once everything is acknowledged and the connection is silent.
            Matcher m = null;
            String sockets = "";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                ProcessResult ss = ProcessResult.run(
                        List.of("ss", "-tnoH", "state", "established", "( sport = :" + server.port() + " )"),
                        Duration.ofSeconds(10));
                assertEquals(0, ss.exitCode(), ss.stderr());
                sockets = ss.stdout();
                m = KEEPALIVE.matcher(sockets);
                if (m.find()) {
                    break;
                }
                m = null;
                Thread.sleep(200);
            }
            if (m == null) {
                fail("no keepalive timer on the server's socket:\n" + sockets);
            }
            double value = Double.parseDouble(m.group(1));
            double seconds = m.group(2).equals("min") ? value * 60 : m.group(2).equals("ms") ? value / 1000 : value;
            // The OS default would be two hours (7200 s).
            assertTrue(seconds <= 30, "keepalive timer " + m.group() + " in:\n" + sockets);
        }
    }

    @Test
    void aKilledClientReleasesItsPushQuery() throws Exception {
        Process psql = new ProcessBuilder(
                        "psql",
                        "-X",
                        "-h",
                        "127.0.0.1",
                        "-p",
                        String.valueOf(server.port()),
                        "-U",
                        "sluice",
                        "-c",
                        "COPY (SELECT n AS dead_client_probe FROM beats EMIT CHANGES) TO STDOUT",
                        "sluice")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (Connection c = server.connect();
                Statement s = c.createStatement()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            // While it streams, the push query is 'active' (not 'idle' once execute returned).
            while (sessions(s, "dead_client_probe", "active") == 0) {
                assertTrue(System.nanoTime() < deadline, "the push query never showed as active in pg_stat_activity");
                Thread.sleep(100);
            }
            psql.destroyForcibly();
            psql.waitFor(10, TimeUnit.SECONDS);
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (sessions(s, "dead_client_probe", null) > 0) {
                assertTrue(System.nanoTime() < deadline, "the killed client's session is still there");
                Thread.sleep(100);
            }
            // The stream still takes writes and new push queries.
            s.execute("INSERT INTO beats VALUES (1)");
        } finally {
            psql.destroyForcibly();
        }
    }
}
