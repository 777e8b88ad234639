package dev.sluice.server.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sluice.server.testing.SluiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * psycopg2 and node-postgres against a real server: pg-wire's smoke scripts (connect, a table,
 * parameterized inserts, a select, a named cursor, an error). The clients come from {@code
 * pg-wire/src/test/clients/setup.sh} (run by .ci/run); the tests skip when they are missing.
 */
@Tag("integration")
class OtherClientsTest {
    static final Path SMOKE = Path.of("../pg-wire/src/test/clients").toAbsolutePath();
    static final Path NODE_MODULES =
            Path.of("../pg-wire/target/clients/node_modules").toAbsolutePath();
    private static SluiceProcess server;

    @BeforeAll
    static void start() {
        server = SluiceProcess.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String run(ProcessBuilder pb) {
        return server.runClient(pb);
    }

    /** A table without a key scans in row-id order: the checks look for rows, not their order. */
    private static void assertContainsAll(String out, List<String> parts) {
        for (String part : parts) {
            assertTrue(out.contains(part), part + " in " + out);
        }
    }

    @Test
    void psycopg2() throws Exception {
        Process probe = new ProcessBuilder("/usr/bin/python3", "-c", "import psycopg2").start();
        assumeTrue(probe.waitFor() == 0, "run pg-wire/src/test/clients/setup.sh first");
        String out = run(new ProcessBuilder(
                "/usr/bin/python3", SMOKE.resolve("psycopg2_smoke.py").toString()));
        assertContainsAll(
                out,
                List.of(
                        "\"inserted\": 1",
                        "[1, \"one\"]",
                        "[2, \"it's\"]",
                        "\"series\": [1, 2, 3, 4, 5]",
                        "\"error\": \"42P01\"",
                        "\"server_version\": 150000"));
    }

    @Test
    void nodePostgres() throws Exception {
        assumeTrue(Files.isDirectory(NODE_MODULES.resolve("pg")), "run pg-wire/src/test/clients/setup.sh first");
        ProcessBuilder pb =
                new ProcessBuilder("node", SMOKE.resolve("node_smoke.js").toString());
        pb.environment().put("NODE_PATH", NODE_MODULES.toString());
        assertContainsAll(
                run(pb),
                List.of(
                        "\"inserted\":1",
                        "{\"id\":1,\"name\":\"one\"}",
                        "{\"id\":2,\"name\":null}",
                        "\"error\":\"42P01\""));
    }
}
