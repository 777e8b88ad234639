package dev.sluice.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * node-postgres and psycopg2 smoke scripts ({@code src/test/clients}) against PgServer +
 * FakeEngine. Install the clients with {@code pg-wire/src/test/clients/setup.sh}; the tests skip
 * when they are missing.
 */
@Tag("integration")
class OtherClientsIntegrationTest {
    static final Path CLIENTS = Path.of("src/test/clients").toAbsolutePath();
    static final Path NODE_MODULES = Path.of("target/clients/node_modules").toAbsolutePath();
    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String run(ProcessBuilder pb) throws Exception {
        pb.environment().put("PGPORT", Integer.toString(server.port()));
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out.trim();
    }

    @Test
    void nodePostgres() throws Exception {
        assumeTrue(Files.isDirectory(NODE_MODULES.resolve("pg")), "run src/test/clients/setup.sh first");
        ProcessBuilder pb =
                new ProcessBuilder("node", CLIENTS.resolve("node_smoke.js").toString());
        pb.environment().put("NODE_PATH", NODE_MODULES.toString());
        String out = run(pb);
        assertEquals(
                "{\"inserted\":1,\"rows\":[{\"id\":1,\"name\":\"one\"},{\"id\":2,\"name\":null}],\"error\":\"42P01\"}",
                out);
    }

    @Test
    void psycopg2() throws Exception {
        Process probe = new ProcessBuilder("/usr/bin/python3", "-c", "import psycopg2").start();
        assumeTrue(probe.waitFor() == 0, "run src/test/clients/setup.sh first");
        String out = run(new ProcessBuilder(
                "/usr/bin/python3", CLIENTS.resolve("psycopg2_smoke.py").toString()));
        assertEquals(
                "{\"inserted\": 1, \"rows\": [[1, \"one\"], [2, \"it's\"]], \"series\": [1, 2, 3, 4, 5],"
                        + " \"error\": \"42P01\", \"server_version\": 150000}",
                out);
    }
}
