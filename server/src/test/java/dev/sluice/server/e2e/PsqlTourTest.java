package dev.sluice.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.server.testing.SluiceProcess;
import dev.sluice.server.testing.SluiceProcess.ProcessResult;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @Test
    void errorsShowACaretUnderThePosition() {
        ProcessResult r = server.psql("-c", "SELECT nme FROM pg_nothing");
        assertEquals(1, r.exitCode());
        assertTrue(r.stderr().contains("ERROR:  relation \"pg_nothing\" does not exist"), r.stderr());
        assertTrue(r.stderr().contains("LINE 1: SELECT nme FROM pg_nothing\n                        ^"), r.stderr());
    }
}
