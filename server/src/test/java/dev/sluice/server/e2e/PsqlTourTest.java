package dev.sluice.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.server.testing.SluiceProcess;
import dev.sluice.server.testing.SluiceProcess.ProcessResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Streams and tables through the real psql (issue 6): statements, \copy, errors with a caret. */
@Tag("integration")
class PsqlTourTest {
    private static SluiceProcess server;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        server = SluiceProcess.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void tourStatementsRunInOnePsqlCall() {
        ProcessResult r = server.psql(
                "-A",
                "-t",
                "-c",
                "CREATE STREAM clicks (user_id INT, page VARCHAR, ts TIMESTAMP) WITH (partitions = 4, timestamp = 'ts', key = 'user_id');"
                        + " INSERT INTO clicks VALUES (1, '/home', TIMESTAMP '2026-01-01 10:00:00'),"
                        + " (2, '/cart', TIMESTAMP '2026-01-01 10:00:05'), (1, '/cart', TIMESTAMP '2026-01-01 10:00:09');"
                        + " SELECT user_id, count(*) FROM clicks GROUP BY user_id ORDER BY user_id;");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("CREATE STREAM\nINSERT 0 3\n1|2\n2|1\n", r.stdout());
    }

    @Test
    void copyFromACsvFileWithPsql() throws Exception {
        Path csv = tmp.resolve("users.csv");
        Files.writeString(csv, "id,name\n1,ann\n2,\"bob, jr\"\n3,cy\n");
        assertEquals(
                0,
                server.psql("-c", "CREATE TABLE people (id INT PRIMARY KEY, name TEXT)")
                        .exitCode());
        ProcessResult copy = server.psql("-c", "\\copy people FROM '" + csv + "' WITH (FORMAT csv, HEADER true)");
        assertEquals(0, copy.exitCode(), copy.stderr());
        assertTrue(copy.stdout().contains("COPY 3"), copy.stdout());
        ProcessResult select = server.psql("-A", "-t", "-c", "SELECT name FROM people WHERE id = 2");
        assertEquals("bob, jr\n", select.stdout());
    }

    /**
     * The README's SQL runs as written: both blocks of the tour, statement by statement, except what
     * never ends (push queries), what needs a file (\\copy) and the query ids TERMINATE and EXPLAIN name, which are
     * taken from SHOW QUERIES.
     */
    @Test
    void theReadmeTourRunsAsWritten() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        List<String> statements = new ArrayList<>();
        int at = 0;
        while ((at = readme.indexOf("```sql\n", at)) >= 0) {
            int end = readme.indexOf("```", at + 7);
            StringBuilder sql = new StringBuilder();
            for (String line : readme.substring(at + 7, end).split("\n")) {
                String code = line.replaceAll("--.*$", "").trim();
                if (!code.isEmpty() && !code.startsWith("\\")) {
                    sql.append(code).append('\n');
                }
            }
            for (String st : sql.toString().split(";")) {
                if (!st.isBlank()) {
                    statements.add(st.trim());
                }
            }
            at = end + 3;
        }
        assertTrue(statements.size() > 20, statements.toString());
        int ran = 0;
        try (java.sql.Connection c = server.connect();
                java.sql.Statement s = c.createStatement()) {
            for (String st : statements) {
                String upper = st.toUpperCase(java.util.Locale.ROOT);
                boolean push = upper.startsWith("SUBSCRIBE")
                        || (upper.startsWith("SELECT") || upper.startsWith("COPY")) && upper.contains("EMIT CHANGES");
                if (push) {
                    continue;
                }
                java.util.regex.Matcher byId = java.util.regex.Pattern.compile("(TERMINATE|EXPLAIN) ([A-Z_]+_)\\d+")
                        .matcher(st);
                if (byId.matches()) {
                    // The README's query ids have example oids: use the running query's.
                    String id;
                    try (java.sql.ResultSet rs = s.executeQuery("SHOW QUERIES")) {
                        id = null;
                        while (rs.next()) {
                            if (rs.getString(1).startsWith(byId.group(2))) {
                                id = rs.getString(1);
                            }
                        }
                    }
                    assertTrue(id != null, st);
                    st = byId.group(1) + " " + id;
                }
                s.execute(st);
                ran++;
            }
        }
        assertTrue(ran > 20);
    }

    @Test
    void errorsShowACaretUnderThePosition() {
        ProcessResult r = server.psql("-c", "SELECT nme FROM pg_nothing");
        assertEquals(1, r.exitCode());
        assertTrue(r.stderr().contains("ERROR:  relation \"pg_nothing\" does not exist"), r.stderr());
        assertTrue(r.stderr().contains("LINE 1: SELECT nme FROM pg_nothing\n                        ^"), r.stderr());
    }
}
