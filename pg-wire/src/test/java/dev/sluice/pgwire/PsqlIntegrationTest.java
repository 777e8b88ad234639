package dev.sluice.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real psql 15 binary against PgServer + FakeEngine. */
@Tag("integration")
class PsqlIntegrationTest {
    static final String PSQL = "/usr/bin/psql";
    static TestServer server;

    @BeforeAll
    static void start() {
        assumeTrue(Files.isExecutable(Path.of(PSQL)), "psql not installed");
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    record Run(int exit, String out, String err) {}

    private static ProcessBuilder psql(String... args) {
        List<String> cmd = new ArrayList<>(List.of(
                PSQL, "-X", "-h", "127.0.0.1", "-p", Integer.toString(server.port()), "-U", "sluice", "-d", "sluice"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("PGCONNECT_TIMEOUT", "5");
        pb.environment().remove("PGPASSWORD");
        return pb;
    }

    private static Run run(String... args) throws Exception {
        Process p = psql(args).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return new Run(p.exitValue(), out, err);
    }

    @Test
    void severalStatementsInOneCommand() throws Exception {
        Run r = run(
                "-c",
                "CREATE TABLE ps (id INT, name TEXT); INSERT INTO ps VALUES (1, 'alpha'), (2, 'beta'); SELECT * FROM ps");
        assertEquals(0, r.exit(), r.err());
        assertTrue(
                r.out().contains("alpha") && r.out().contains("beta") && r.out().contains("(2 rows)"), r.out());
        Run counts = run("-c", "INSERT INTO ps VALUES (3, 'gamma')", "-c", "SELECT count(*) FROM ps");
        assertTrue(counts.out().contains("INSERT 0 1"), counts.out());
        assertTrue(counts.out().contains(" 3"), counts.out());
    }

    @Test
    void copyFromACsvFile(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("rows.csv");
        Files.writeString(csv, "id,name\n1,one\n2,\"t,w,o\"\n3,three\n");
        run("-c", "CREATE TABLE pcopy (id INT, name TEXT)");
        Run r = run("-c", "\\copy pcopy FROM '" + csv + "' WITH (FORMAT csv, HEADER)");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("COPY 3"), r.out());
        assertEquals("t,w,o", server.engine.table("pcopy").get(1).get(1));
    }

    @Test
    void errorShowsTheCaretAtThePosition() throws Exception {
        Run r = run("-c", "SELECT * FROM nowhere");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("ERROR:  relation \"nowhere\" does not exist"), r.err());
        assertTrue(r.err().contains("LINE 1: SELECT * FROM nowhere"), r.err());
        assertTrue(r.err().contains("                      ^"), r.err());
    }

    @Test
    void fetchCountUsesCursors() throws Exception {
        Run r = run("-v", "FETCH_COUNT=2", "-c", "SELECT generate_series(1, 5)");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("(5 rows)"), r.out());
    }

    @Test
    void copyToStdoutPrintsPushRowsLiveAndCtrlCCancels() throws Exception {
        Process p =
                psql("-c", "COPY (SELECT * FROM ticks EMIT CHANGES) TO STDOUT").start();
        p.getOutputStream().close();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (int i = 0; i < 5; i++) {
                assertEquals("+I\t" + i, out.readLine()); // printed while the query runs
            }
            assertTrue(p.isAlive());
            // Ctrl-C: psql sends a CancelRequest; the statement ends with 57014
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
            assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        }
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(err.contains("canceling statement due to user request"), err);
        JdbcStreamingTest.waitUntil(() -> server.engine.openSources.get() == 0);
    }

    @Test
    void killedClientReleasesItsPushQuery() throws Exception {
        Process p =
                psql("-c", "COPY (SELECT * FROM ticks EMIT CHANGES) TO STDOUT").start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            out.readLine();
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException ignored) {
            // the pipe closes with the process
        }
        JdbcStreamingTest.waitUntil(() -> server.engine.openSources.get() == 0);
    }
}
