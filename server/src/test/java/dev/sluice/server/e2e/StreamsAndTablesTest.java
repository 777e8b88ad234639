package dev.sluice.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.server.testing.SluiceProcess;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.util.PSQLException;

/** Streams and tables end to end through pgjdbc against a real server process (issue 6). */
@Tag("integration")
class StreamsAndTablesTest {
    private static SluiceProcess server;

    @BeforeAll
    static void start() {
        server = SluiceProcess.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static List<List<Object>> query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            List<List<Object>> rows = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void specExamplesForStreamsAndTablesRunAsWritten() throws Exception {
        try (Connection c = server.connect()) {
            exec(
                    c,
                    "CREATE STREAM pageviews (user_id INT, page VARCHAR, ts TIMESTAMP)"
                            + " WITH (partitions = 4, replicas = 1, timestamp = 'ts', key = 'user_id', retention = '7 days')");
            exec(c, "CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR, region VARCHAR) WITH (partitions = 4)");
            exec(
                    c,
                    "INSERT INTO pageviews VALUES (1, '/home', TIMESTAMP '2026-01-01 10:00:00'),"
                            + " (2, '/cart', TIMESTAMP '2026-01-01 10:00:05')");
            exec(c, "INSERT INTO users VALUES (1, 'ann', 'eu')");
            exec(c, "INSERT INTO users VALUES (1, 'ann', 'apac')"); // upsert by primary key
            assertEquals(List.of(List.of(1, "ann", "apac")), query(c, "SELECT * FROM users"));
            exec(c, "UPDATE users SET region = 'us' WHERE id = 1");
            assertEquals(List.of(List.of("us")), query(c, "SELECT region FROM users WHERE id = 1"));
            exec(c, "DELETE FROM users WHERE id = 1");
            assertEquals(List.of(), query(c, "SELECT * FROM users"));
            assertEquals(
                    List.of(List.of("/cart"), List.of("/home")), query(c, "SELECT page FROM pageviews ORDER BY page"));
            assertEquals(
                    List.of(List.of(Timestamp.valueOf("2026-01-01 10:00:05"))),
                    query(c, "SELECT rowtime FROM pageviews WHERE page = '/cart'"));
            assertEquals(List.of(List.of("pageviews", "pageviews", 4, "user_id", "ts")), query(c, "SHOW STREAMS"));
            assertTrue(
                    query(c, "SHOW CREATE pageviews").get(0).get(0).toString().startsWith("CREATE STREAM pageviews"));
            assertEquals(2, query(c, "PRINT pageviews FROM BEGINNING LIMIT 2").size());
            exec(c, "DROP STREAM pageviews");
            exec(c, "DROP TABLE users");
            assertEquals(List.of(), query(c, "SHOW STREAMS"));
        }
    }

    @Test
    void insertSelectCopiesRowsOnce() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "CREATE STREAM raw_orders (id INT, amount DECIMAL(10, 2), status TEXT) WITH (partitions = 2)");
            exec(c, "CREATE TABLE big_orders (id INT PRIMARY KEY, amount DECIMAL(10, 2))");
            exec(
                    c,
                    "INSERT INTO raw_orders VALUES (1, 5.00, 'ok'), (2, 150.00, 'ok'), (3, 990.50, 'void'), (4, 120.25, 'ok')");
            exec(c, "INSERT INTO big_orders SELECT id, amount FROM raw_orders WHERE amount > 100 AND status = 'ok'");
            assertEquals(
                    List.of(List.of(2, new BigDecimal("150.00")), List.of(4, new BigDecimal("120.25"))),
                    query(c, "SELECT * FROM big_orders ORDER BY id"));
            PSQLException e = error(c, "INSERT INTO big_orders (id, amount) VALUES (true, 1)");
            assertEquals("42804", e.getSQLState());
            exec(c, "DROP TABLE big_orders");
            exec(c, "DROP STREAM raw_orders");
        }
    }

    @Test
    void plainPostgresTablesWorkWithoutAPrimaryKey() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "CREATE TABLE plain (a int, b int)");
            exec(c, "INSERT INTO plain VALUES (1, 2), (1, 2), (3, NULL)");
            assertEquals(List.of(List.of(1, 2), List.of(1, 2)), query(c, "SELECT * FROM plain WHERE a = 1 ORDER BY b"));
            exec(c, "UPDATE plain SET b = 9 WHERE a = 3");
            assertEquals(List.of(List.of(3, 9)), query(c, "SELECT a, b FROM plain WHERE a = 3"));
            exec(c, "DELETE FROM plain WHERE a = 1");
            assertEquals(List.of(List.of(1L)), query(c, "SELECT count(*) FROM plain"));
            exec(c, "DROP TABLE plain");
        }
    }

    @Test
    void preparedStatementsBatchesAndReadYourWrites() throws Exception {
        try (Connection c = server.connect()) {
            exec(
                    c,
                    "CREATE TABLE accounts (id BIGINT PRIMARY KEY, owner TEXT NOT NULL, balance DECIMAL(12, 2))"
                            + " WITH (partitions = 3)");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO accounts VALUES (?, ?, ?)")) {
                for (long i = 0; i < 200; i++) {
                    insert.setLong(1, i);
                    insert.setString(2, "owner-" + i);
                    insert.setBigDecimal(3, new BigDecimal(i + ".50"));
                    insert.addBatch();
                }
                int[] counts = insert.executeBatch();
                assertEquals(200, counts.length);
            }
            // Twelve executions: pgjdbc switches to server-prepared binary mode after five.
            try (PreparedStatement select = c.prepareStatement("SELECT owner, balance FROM accounts WHERE id = ?")) {
                for (long i = 0; i < 12; i++) {
                    select.setLong(1, i * 7);
                    try (ResultSet rs = select.executeQuery()) {
                        assertTrue(rs.next(), "row " + i * 7);
                        assertEquals("owner-" + i * 7, rs.getString(1));
                        assertEquals(new BigDecimal(i * 7 + ".50"), rs.getBigDecimal(2));
                        assertFalse(rs.next());
                    }
                }
            }
            // Read your writes: an update is visible to the very next query of the session.
            try (PreparedStatement update =
                    c.prepareStatement("UPDATE accounts SET balance = balance + ? WHERE id = ?")) {
                for (int round = 0; round < 5; round++) {
                    update.setBigDecimal(1, BigDecimal.ONE);
                    update.setLong(2, 5);
                    assertEquals(1, update.executeUpdate());
                    assertEquals(
                            List.of(List.of(new BigDecimal((6 + round) + ".50"))),
                            query(c, "SELECT balance FROM accounts WHERE id = 5"));
                }
            }
            assertEquals(List.of(List.of(200L)), query(c, "SELECT count(*) FROM accounts"));
            exec(c, "DROP TABLE accounts");
        }
    }

    @Test
    void copyFromStdinIngestsIntoAStream() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "CREATE STREAM events (id INT, payload TEXT) WITH (partitions = 2)");
            StringBuilder csv = new StringBuilder("id,payload\n");
            for (int i = 0; i < 10_000; i++) {
                csv.append(i).append(",\"p,").append(i).append("\"\n");
            }
            long copied = ((PGConnection) c)
                    .getCopyAPI()
                    .copyIn("COPY events FROM STDIN WITH (FORMAT csv, HEADER true)", new StringReader(csv.toString()));
            assertEquals(10_000, copied);
            assertEquals(
                    List.of(List.of(10_000L, 0, 9_999)), query(c, "SELECT count(*), min(id), max(id) FROM events"));
            assertEquals(List.of(List.of("p,42")), query(c, "SELECT payload FROM events WHERE id = 42"));
            exec(c, "DROP STREAM events");
        }
    }

    @Test
    void aBatchWhoseDeferredWriteFailsGetsAnErrorAndTheSessionGoesOn() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "CREATE STREAM too_big (id BIGINT, note TEXT) WITH (partitions = 1)");
            // The rows pass every check at Execute; their one log batch is larger than the log takes
            // (8 MiB), so the write at Sync fails after the INSERTs were acknowledged to pg-wire.
            try (PreparedStatement p = c.prepareStatement("INSERT INTO too_big VALUES (?, ?)")) {
                for (int i = 0; i < 3; i++) {
                    p.setLong(1, i);
                    p.setString(2, i == 1 ? "x".repeat(9 << 20) : "small");
                    p.addBatch();
                }
                BatchUpdateException e = assertThrows(BatchUpdateException.class, p::executeBatch);
                // The first INSERT whose write was pending gets the error; none counts as done.
                for (int count : e.getUpdateCounts()) {
                    assertEquals(
                            java.sql.Statement.EXECUTE_FAILED, count, java.util.Arrays.toString(e.getUpdateCounts()));
                }
            }
            // Nothing was written, and the connection still works.
            assertTrue(c.isValid(5));
            assertEquals(List.of(List.of(0L)), query(c, "SELECT count(*) FROM too_big"));
            exec(c, "INSERT INTO too_big VALUES (7, 'after')");
            assertEquals(List.of(List.of(1L)), query(c, "SELECT count(*) FROM too_big"));
            exec(c, "DROP STREAM too_big");
        }
    }

    @Test
    void batchedInsertsAreWrittenTogetherAndAnErrorKeepsTheRowsBeforeIt() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "CREATE STREAM batched (id BIGINT NOT NULL, note TEXT) WITH (partitions = 4)");
            exec(c, "CREATE TABLE batched_kv (id BIGINT PRIMARY KEY, note TEXT NOT NULL) WITH (partitions = 4)");
            // More rows than one deferred append holds, and more than 64 KiB of replies.
            try (PreparedStatement p = c.prepareStatement("INSERT INTO batched VALUES (?, ?)")) {
                for (int i = 0; i < 20_000; i++) {
                    p.setLong(1, i);
                    p.setString(2, "n" + i);
                    p.addBatch();
                }
                assertEquals(20_000, p.executeBatch().length);
            }
            assertEquals(
                    List.of(List.of(20_000L, 20_000L, 19_999L)),
                    query(c, "SELECT count(*), count(DISTINCT id), max(id) FROM batched"));
            // An error in the middle of a batch: the INSERTs before it were acknowledged and are
            // there (upserts, the last value per key wins), the ones after it were skipped.
            try (PreparedStatement p = c.prepareStatement("INSERT INTO batched_kv VALUES (?, ?)")) {
                for (int i = 0; i < 1_000; i++) {
                    p.setLong(1, i % 600);
                    p.setString(2, i == 700 ? null : "v" + i);
                    p.addBatch();
                }
                BatchUpdateException e = assertThrows(BatchUpdateException.class, p::executeBatch);
                SQLException cause = e.getNextException() != null ? e.getNextException() : e;
                assertEquals("23502", cause.getSQLState(), cause.getMessage());
            }
            assertEquals(List.of(List.of(600L)), query(c, "SELECT count(*) FROM batched_kv"));
            assertEquals(
                    List.of(List.of(0L, "v600"), List.of(99L, "v699"), List.of(100L, "v100"), List.of(599L, "v599")),
                    query(c, "SELECT id, note FROM batched_kv WHERE id IN (0, 99, 100, 599) ORDER BY id"));
            // Single statements outside a batch still work and are read at once.
            exec(c, "INSERT INTO batched_kv VALUES (0, 'single')");
            assertEquals(List.of(List.of("single")), query(c, "SELECT note FROM batched_kv WHERE id = 0"));
            exec(c, "DROP TABLE batched_kv");
            exec(c, "DROP STREAM batched");
        }
    }

    @Test
    void copyKeepsEveryValueAndIsAllOrNothing() throws Exception {
        try (Connection c = server.connect()) {
            CopyManager copy = ((PGConnection) c).getCopyAPI();
            // A keyed stream with event time; text format with escapes, NULLs, non-ASCII; a column subset.
            exec(
                    c,
                    "CREATE STREAM ev (id BIGINT, ts TIMESTAMP, name TEXT, score DOUBLE, n INT)"
                            + " WITH (partitions = 4, timestamp = 'ts', key = 'id')");
            assertEquals(
                    3,
                    copy.copyIn(
                            "COPY ev (id, ts, name, score) FROM STDIN",
                            new StringReader("1\t2026-01-02 03:04:05\tplain\t1.5\n"
                                    + "-2\t\\N\ttab\\there\t-0.25\n"
                                    + "3\t2026-01-02 03:04:06\tünï 日本\t\\N\n")));
            assertEquals(
                    List.of(
                            Arrays.asList(-2L, "tab\there", -0.25, null),
                            Arrays.asList(1L, "plain", 1.5, null),
                            Arrays.asList(3L, "ünï 日本", null, null)),
                    query(c, "SELECT id, name, score, n FROM ev ORDER BY id"));
            assertEquals(List.of(List.of(2L)), query(c, "SELECT count(*) FROM ev WHERE ROWTIME = ts"));

            // A table: upserts by key, read at once (read your writes).
            exec(c, "CREATE TABLE kv (k VARCHAR PRIMARY KEY, v INT NOT NULL) WITH (partitions = 4)");
            assertEquals(3, copy.copyIn("COPY kv FROM STDIN (FORMAT csv)", new StringReader("a,1\nb,2\na,3\n")));
            assertEquals(List.of(List.of("a", 3), List.of("b", 2)), query(c, "SELECT k, v FROM kv ORDER BY k"));

            // Bad rows far past the first appended batches: 23502 and 22P02, and nothing is written.
            for (String bad : List.of("k15000,", "k15000,notanumber")) {
                StringBuilder csv = new StringBuilder();
                for (int i = 0; i < 20_000; i++) {
                    csv.append(i == 15_000 ? bad : "k" + i + "," + i).append('\n');
                }
                SQLException e = assertThrows(
                        SQLException.class,
                        () -> copy.copyIn("COPY kv FROM STDIN (FORMAT csv)", new StringReader(csv.toString())));
                assertEquals(bad.endsWith(",") ? "23502" : "22P02", e.getSQLState(), e.getMessage());
                // the row in the detail of 23502; the line in the context (PostgreSQL's CONTEXT), always
                if (bad.endsWith(",")) {
                    assertTrue(e.getMessage().contains("(k15000, null)"), e.getMessage());
                }
                assertEquals(
                        "COPY line 15001",
                        ((PSQLException) e).getServerErrorMessage().getWhere(),
                        e.getMessage());
                assertEquals(List.of(List.of(2L)), query(c, "SELECT count(*) FROM kv"));
            }

            // A delimiter must be one byte (ASCII), as in PostgreSQL: 22023 pointing at the option.
            PSQLException delimiter = assertThrows(
                    PSQLException.class,
                    () -> copy.copyIn("COPY kv FROM STDIN (FORMAT csv, DELIMITER 'é')", new StringReader("a,1\n")));
            assertEquals("22023", delimiter.getSQLState());
            assertTrue(delimiter.getMessage().contains("single one-byte character"), delimiter.getMessage());

            // A table without a key: every row is kept, duplicates too.
            exec(c, "CREATE TABLE plain (a INT, b TEXT)");
            assertEquals(3, copy.copyIn("COPY plain FROM STDIN (FORMAT csv)", new StringReader("1,x\n1,x\n,\n")));
            assertEquals(List.of(List.of(3L, 2L)), query(c, "SELECT count(*), count(a) FROM plain"));
            exec(c, "DROP TABLE plain");
            exec(c, "DROP TABLE kv");
            exec(c, "DROP STREAM ev");
        }
    }

    private static PSQLException error(Connection c, String sql) {
        return assertThrows(PSQLException.class, () -> exec(c, sql), sql);
    }

    @Test
    void badInputGetsTheRightSqlStateAndTheSessionKeepsWorking() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "CREATE TABLE strict (id INT PRIMARY KEY, name VARCHAR(5) NOT NULL, at TIMESTAMP)");
            PSQLException e = error(c, "SELECT * FROM missing");
            assertEquals("42P01", e.getSQLState());
            assertEquals(15, e.getServerErrorMessage().getPosition());
            e = error(c, "SELECT nope FROM strict");
            assertEquals("42703", e.getSQLState());
            assertEquals(8, e.getServerErrorMessage().getPosition());
            assertEquals(
                    "42P07",
                    error(c, "CREATE TABLE strict (id INT PRIMARY KEY)").getSQLState());
            e = error(c, "INSERT INTO strict VALUES (1, NULL, NULL)");
            assertEquals("23502", e.getSQLState());
            assertTrue(e.getMessage().contains("null value in column \"name\""), e.getMessage());
            assertEquals(
                    "22001",
                    error(c, "INSERT INTO strict VALUES (1, 'toolong', NULL)").getSQLState());
            assertEquals(
                    "22P02",
                    error(c, "INSERT INTO strict VALUES ('x', 'a', NULL)").getSQLState());
            assertEquals("22012", error(c, "SELECT 1 / 0").getSQLState());
            e = error(c, "SELECT * FROM strict WHERE at > TIMESTAMP '2026-02-30 25:00'");
            assertEquals("22007", e.getSQLState());
            assertEquals(33, e.getServerErrorMessage().getPosition());
            e = error(c, "SELEC 1");
            assertEquals("42601", e.getSQLState());
            assertEquals(1, e.getServerErrorMessage().getPosition());
            assertEquals(
                    "42809",
                    error(c, "CREATE STREAM s1 (a INT); UPDATE s1 SET a = 1").getSQLState());
            // A multi-row INSERT with one bad row writes nothing.
            assertEquals(
                    "23502",
                    error(c, "INSERT INTO strict VALUES (1, 'a', NULL), (2, NULL, NULL)")
                            .getSQLState());
            assertEquals(List.of(List.of(0L)), query(c, "SELECT count(*) FROM strict"));
            // The session is still fine.
            exec(c, "INSERT INTO strict VALUES (1, 'ok', TIMESTAMP '2026-01-01 00:00:00')");
            assertEquals(List.of(List.of("ok")), query(c, "SELECT name FROM strict WHERE id = 1"));
            exec(c, "DROP TABLE strict");
            exec(c, "DROP STREAM IF EXISTS s1");
        }
    }

    @Test
    void dropIsRefusedWhileNothingDependsButIfExistsIsQuiet() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals("42P01", error(c, "DROP TABLE never_created").getSQLState());
            exec(c, "DROP TABLE IF EXISTS never_created");
            exec(c, "CREATE STREAM s_kind (a INT)");
            assertEquals("42809", error(c, "DROP TABLE s_kind").getSQLState());
            exec(c, "DROP STREAM s_kind");
        }
    }

    @Test
    void catalogAndDataSurviveARestart() throws Exception {
        try (SluiceProcess own = SluiceProcess.start()) {
            try (Connection c = own.connect()) {
                exec(c, "CREATE TABLE kv (k TEXT PRIMARY KEY, v INT) WITH (partitions = 2)");
                exec(c, "CREATE STREAM log (line TEXT)");
                exec(c, "INSERT INTO kv VALUES ('a', 1), ('b', 2)");
                exec(c, "INSERT INTO kv VALUES ('a', 3)");
                exec(c, "INSERT INTO log VALUES ('one'), ('two')");
            }
            assertEquals(0, own.stop());
            own.restart();
            try (Connection c = own.connect()) {
                assertEquals(List.of(List.of("a", 3), List.of("b", 2)), query(c, "SELECT k, v FROM kv ORDER BY k"));
                assertEquals(List.of(List.of("one"), List.of("two")), query(c, "SELECT line FROM log ORDER BY line"));
                assertEquals(
                        2,
                        query(c, "SHOW TABLES").size()
                                + query(c, "SHOW STREAMS").size());
            }
        }
    }
}
