package dev.sluice.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sluice.server.testing.SluiceProcess;
import dev.sluice.server.testing.SluiceProcess.ProcessResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The catalog queries of Grafana (through psycopg2), node-postgres and DBeaver against a real
 * server (issue 8, reference/pgwire.md §2.3). The node and Python clients come from
 * {@code pg-wire/src/test/clients/setup.sh}; those tests skip when they are missing.
 */
@Tag("integration")
class ClientCatalogQueriesTest {
    static final Path CLIENTS = Path.of("src/test/clients").toAbsolutePath();
    static final Path NODE_MODULES =
            Path.of("../pg-wire/target/clients/node_modules").toAbsolutePath();
    private static SluiceProcess server;

    @BeforeAll
    static void start() {
        server = SluiceProcess.start();
        ProcessResult r = server.psql(
                "-c",
                "CREATE TABLE readings (sensor VARCHAR NOT NULL, at TIMESTAMP NOT NULL, value DOUBLE,"
                        + " PRIMARY KEY (sensor, at))");
        assertEquals(0, r.exitCode(), r.stderr());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String run(ProcessBuilder pb) {
        return server.runClient(pb);
    }

    @Test
    void grafanaMetaQueriesThroughPsycopg2() throws Exception {
        Process probe = new ProcessBuilder("/usr/bin/python3", "-c", "import psycopg2").start();
        assumeTrue(probe.waitFor() == 0, "run pg-wire/src/test/clients/setup.sh first");
        String out = run(new ProcessBuilder(
                "/usr/bin/python3", CLIENTS.resolve("catalog_queries.py").toString()));
        assertEquals(
                "{\"version\": 1500, \"timescaledb\": [], \"tables\": [\"readings\"],"
                        + " \"columns\": [[\"sensor\", \"character varying\"],"
                        + " [\"at\", \"timestamp without time zone\"], [\"value\", \"double precision\"]],"
                        + " \"schemata\": [\"information_schema\", \"pg_catalog\", \"public\", \"sluice_catalog\"]}",
                out);
    }

    @Test
    void nodePostgresExtendedProtocol() throws Exception {
        assumeTrue(Files.isDirectory(NODE_MODULES.resolve("pg")), "run pg-wire/src/test/clients/setup.sh first");
        ProcessBuilder pb =
                new ProcessBuilder("node", CLIENTS.resolve("catalog_queries.js").toString());
        pb.environment().put("NODE_PATH", NODE_MODULES.toString());
        assertEquals(
                "{\"columns\":[{\"column_name\":\"sensor\",\"data_type\":\"character varying\",\"is_nullable\":\"NO\"},"
                        + "{\"column_name\":\"at\",\"data_type\":\"timestamp without time zone\",\"is_nullable\":\"NO\"},"
                        + "{\"column_name\":\"value\",\"data_type\":\"double precision\",\"is_nullable\":\"YES\"}],"
                        + "\"type\":[{\"visible\":true,\"nspname\":\"pg_catalog\",\"typname\":\"interval\"}],"
                        + "\"key\":[{\"constraint_type\":\"PRIMARY KEY\",\"column_name\":\"sensor\"},"
                        + "{\"constraint_type\":\"PRIMARY KEY\",\"column_name\":\"at\"}]}",
                run(pb));
    }

    @Test
    void dbeaverStyleQueries() {
        ProcessResult r = server.psql(
                "-A",
                "-t",
                "-c",
                "SELECT current_schema(), session_user;"
                        + " SELECT db.oid, db.datname FROM pg_catalog.pg_database db WHERE datname = 'sluice';"
                        + " SHOW search_path;"
                        + " SELECT 'readings'::regclass::oid = c.oid FROM pg_class c WHERE relname = 'readings';"
                        + " SELECT count(*) > 0 FROM pg_settings;"
                        + " SELECT n.oid, n.nspname FROM pg_catalog.pg_namespace n WHERE nspname = 'public';"
                        + " SELECT c.relname, d.description, pg_catalog.pg_get_expr(c.relpartbound, c.oid),"
                        + " pg_catalog.pg_get_partkeydef(c.oid) FROM pg_catalog.pg_class c"
                        + " LEFT OUTER JOIN pg_catalog.pg_description d ON d.objoid = c.oid AND d.objsubid = 0"
                        + " AND d.classoid = 'pg_class'::regclass"
                        + " WHERE c.relnamespace = 2200 AND c.relkind NOT IN ('i', 'I', 'c');");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("public|sluice\n16383|sluice\n\"$user\", public\nt\nt\n2200|public\nreadings|||\n", r.stdout());
    }
}
