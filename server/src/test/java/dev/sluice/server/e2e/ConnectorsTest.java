package dev.sluice.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.server.testing.SluiceProcess;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Sources, sinks and persistent inserts through a real server: {@code CREATE SOURCE ... WITH
 * (connector = 'nexmark')} is readable by pull queries, push queries and views, and gives the same
 * rows every time; a view over it equals the pull query over it; a {@code blackhole} sink consumes
 * every row; {@code INSERT INTO stream SELECT ... EMIT CHANGES} keeps writing into a stream, survives
 * a restart without losing or repeating rows, blocks DROP of its stream, and ends with TERMINATE.
 */
@Tag("integration")
class ConnectorsTest {
    /** Bids among the first 5,000 events: 46 of every 50. */
    private static final int EVENTS = 5_000;

    private static final long BIDS = EVENTS / 50 * 46;
    private static SluiceProcess server;

    @BeforeAll
    static void start() throws Exception {
        server = SluiceProcess.start();
        try (Connection c = server.connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE SOURCE bid WITH (connector = 'nexmark', table = 'bid', events = " + EVENTS
                    + ", partitions = 2)");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<String> rows(Statement s, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    sb.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                out.add(sb.toString());
            }
        }
        return out;
    }

    private static long scalar(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getLong(1);
        }
    }

    /** Waits until the query whose id starts with {@code prefix} has processed {@code rows} rows. */
    private static void awaitProcessed(Statement s, String prefix, long rows) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        String last = "";
        while (System.nanoTime() < deadline) {
            try (ResultSet rs = s.executeQuery("SHOW QUERIES")) {
                while (rs.next()) {
                    if (rs.getString("query_id").startsWith(prefix)) {
                        last = rs.getString("status") + " processed " + rs.getLong("processed") + " lag "
                                + rs.getLong("lag");
                        if (rs.getLong("processed") == rows && rs.getLong("lag") == 0) {
                            return;
                        }
                        assertFalse(rs.getString("status").startsWith("FAILED"), last);
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("query " + prefix + " did not process " + rows + " rows: " + last);
    }

    private static List<String> tasksOf(Statement s, String prefix) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SHOW QUERIES")) {
            while (rs.next()) {
                if (rs.getString("query_id").startsWith(prefix)) {
                    out.add(rs.getString("tasks"));
                }
            }
        }
        return out;
    }

    @Test
    void aSourceIsReadableAndGivesTheSameRowsEveryTime() throws Exception {
        try (Connection c = server.connect();
                Statement s = c.createStatement()) {
            assertEquals(BIDS, scalar(s, "SELECT count(*) FROM bid"));
            String first = "SELECT auction, bidder, price, channel, date_time, ROWPARTITION, ROWOFFSET FROM bid"
                    + " ORDER BY ROWOFFSET LIMIT 20";
            List<String> a = rows(s, first);
            assertEquals(20, a.size());
            assertEquals(a, rows(s, first));
            // Event i is in partition i % 2, and its offset is its event index.
            for (String row : a) {
                String[] f = row.split("\\|");
                assertEquals(Long.parseLong(f[6]) % 2, Long.parseLong(f[5]), row);
            }
            assertEquals(List.of("bid|nexmark|2|events = 5000, partitions = 2, table = bid"), rows(s, "SHOW SOURCES"));
            // ROWTIME is the event time (date_time).
            assertEquals(0, scalar(s, "SELECT count(*) FROM bid WHERE ROWTIME <> date_time"));
        }
    }

    @Test
    void aViewOverASourceEqualsThePullQueryOverIt() throws Exception {
        try (Connection c = server.connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE MATERIALIZED VIEW bids_per_auction AS"
                    + " SELECT auction, COUNT(*) AS n, MAX(price) AS top FROM bid GROUP BY auction");
            awaitProcessed(s, "MV_BIDS_PER_AUCTION", BIDS);
            // On more than one core a GROUP BY runs split at an exchange by key: a task per source
            // partition (up to one per core) below it, a task per core above it.
            int cores = Runtime.getRuntime().availableProcessors();
            assertEquals(
                    List.of(String.valueOf(cores < 2 ? 1 : Math.min(cores, 2) + cores)),
                    tasksOf(s, "MV_BIDS_PER_AUCTION_"));
            List<String> pull =
                    rows(s, "SELECT auction, COUNT(*), MAX(price) FROM bid GROUP BY auction ORDER BY auction");
            // The query has processed everything; its last output may still be on its way into the
            // view's state, after which the view does not change any more.
            List<String> view = List.of();
            for (int i = 0; i < 200 && !view.equals(pull); i++) {
                Thread.sleep(50);
                view = rows(s, "SELECT auction, n, top FROM bids_per_auction ORDER BY auction");
            }
            assertFalse(view.isEmpty());
            assertEquals(pull, view);
        }
    }

    @Test
    void aBlackholeSinkConsumesEveryRow() throws Exception {
        try (Connection c = server.connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE SINK q1 WITH (connector = 'blackhole') AS"
                    + " SELECT auction, bidder, 0.908 * price AS price, date_time FROM bid");
            awaitProcessed(s, "SINK_Q1", BIDS);
            // A query without state runs as one task per source partition, up to one per core.
            assertEquals(
                    List.of(String.valueOf(Math.min(2, Runtime.getRuntime().availableProcessors()))),
                    tasksOf(s, "SINK_Q1_"));
            String q1 = null;
            try (ResultSet rs = s.executeQuery("SHOW QUERIES")) {
                while (rs.next()) {
                    if (rs.getString("query_id").startsWith("SINK_Q1_")) {
                        q1 = rs.getString("query_id");
                    }
                }
            }
            List<String> explained = rows(s, "EXPLAIN " + q1);
            assertTrue(explained.get(0).startsWith("Query " + q1 + ": RUNNING"), explained.toString());
            int tasks = Math.min(2, Runtime.getRuntime().availableProcessors());
            assertEquals(
                    tasks == 1
                            ? "1 task"
                            : "2 tasks over the source partitions (task t reads every 2-th partition" + " from t on)",
                    explained.get(1));
            assertTrue(
                    rows(s, "SHOW SINKS").contains("q1|blackhole|1|"),
                    rows(s, "SHOW SINKS").toString());
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM q1"));
            assertEquals("42P01", e.getSQLState());
            s.execute("DROP SINK q1");
            List<String> plan = rows(
                    s,
                    "EXPLAIN CREATE SINK q9 WITH (connector = 'blackhole') AS"
                            + " SELECT auction, COUNT(*) AS n FROM bid GROUP BY auction");
            assertTrue(plan.get(0).startsWith("StreamGroupAggregate(group=[auction]"), plan.toString());
            assertTrue(plan.get(0).contains("state:"), plan.toString());
            assertTrue(plan.contains("  StreamExchange(hash=[auction]) [insert-only]"), plan.toString());
            assertTrue(
                    plan.contains("      StreamSource(bid, source, connector=nexmark) [insert-only]"), plan.toString());
            assertTrue(rows(s, "SHOW SINKS").stream().noneMatch(r -> r.startsWith("q9|")));
            assertTrue(rows(s, "SHOW QUERIES").stream().noneMatch(r -> r.startsWith("SINK_Q1")));
        }
    }

    @Test
    void manyPersistentQueriesShareAFewWorkers() throws Exception {
        int queries = 12;
        try (Connection c = server.connect();
                Statement s = c.createStatement()) {
            for (int i = 0; i < queries; i++) {
                s.execute("CREATE SINK many_" + i + " WITH (connector = 'blackhole') AS"
                        + " SELECT auction, price FROM bid WHERE MOD(auction, " + (i + 2) + ") = 0");
            }
            for (int i = 0; i < queries; i++) {
                awaitProcessed(s, "SINK_MANY_" + i + "_", BIDS);
            }
            var dump = SluiceProcess.ProcessResult.run(
                    List.of("jcmd", String.valueOf(server.pid()), "Thread.print"), java.time.Duration.ofSeconds(60));
            assertEquals(0, dump.exitCode(), dump.stderr());
            long workers = dump.stdout()
                    .lines()
                    .filter(l -> l.startsWith("\"sluice-query-worker-"))
                    .count();
            assertTrue(
                    workers >= 1
                            && workers <= Math.max(4, 2 * Runtime.getRuntime().availableProcessors()),
                    dump.stdout());
            for (int i = 0; i < queries; i++) {
                s.execute("DROP SINK many_" + i);
            }
        }
    }

    @Test
    void derivedStreamsKeepTheEventTimeOfTheirInput() throws Exception {
        try (Connection c = server.connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE STREAM shipments (id INT, at TIMESTAMP) WITH (timestamp = 'at', partitions = 2)");
            s.execute("CREATE STREAM big_shipments AS SELECT id FROM shipments WHERE id > 1");
            s.execute("CREATE STREAM shipment_log (n INT)");
            s.execute("INSERT INTO shipment_log SELECT id * 10 FROM shipments EMIT CHANGES");
            // A UNION ALL: each branch's rows keep their own input's time.
            s.execute("CREATE STREAM returns (id INT, back TIMESTAMP) WITH (timestamp = 'back')");
            s.execute("CREATE STREAM moves AS SELECT id FROM shipments UNION ALL SELECT id + 100 FROM returns");
            s.execute("INSERT INTO shipments VALUES (1, TIMESTAMP '2020-01-02 03:04:05'),"
                    + " (2, TIMESTAMP '2021-06-07 08:09:10'), (3, TIMESTAMP '1999-12-31 23:59:59')");
            s.execute("INSERT INTO returns VALUES (4, TIMESTAMP '2010-10-10 10:10:10')");
            assertEquals(
                    List.of(
                            "1|2020-01-02 03:04:05",
                            "2|2021-06-07 08:09:10",
                            "3|1999-12-31 23:59:59",
                            "104|2010-10-10 10:10:10"),
                    rows(s, "SELECT id, ROWTIME FROM moves ORDER BY id"));
            assertEquals(
                    List.of("2|2021-06-07 08:09:10", "3|1999-12-31 23:59:59"),
                    rows(s, "SELECT id, ROWTIME FROM big_shipments ORDER BY id"));
            assertEquals(
                    List.of("10|2020-01-02 03:04:05", "20|2021-06-07 08:09:10", "30|1999-12-31 23:59:59"),
                    rows(s, "SELECT n, ROWTIME FROM shipment_log ORDER BY n"));
            // The event time stays out of the derived stream's columns.
            assertEquals(
                    List.of("id"),
                    rows(
                            s,
                            "SELECT column_name FROM information_schema.columns"
                                    + " WHERE table_name = 'big_shipments'"));
        }
    }

    @Test
    void eventsPerSecondLimitsHowFastASourceIsRead() throws Exception {
        try (Connection c = server.connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE SOURCE slow_bids WITH (connector = 'nexmark', table = 'bid', events_per_second = 200)");
            long started = System.nanoTime();
            s.execute("CREATE SINK slow_sink WITH (connector = 'blackhole') AS SELECT auction FROM slow_bids");
            long processed = 0;
            while (processed == 0 || System.nanoTime() - started < 2_000_000_000L) {
                Thread.sleep(100);
                for (String row : rows(s, "SHOW QUERIES")) {
                    if (row.startsWith("SINK_SLOW_SINK_")) {
                        processed = Long.parseLong(row.split("\\|")[3]);
                    }
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                // At most 200 events per second since the query started (it started after `started`).
                assertTrue(processed <= 200 * seconds + 1, processed + " rows after " + seconds + " s");
                assertTrue(seconds < 60, "nothing processed");
            }
            s.execute("DROP SINK slow_sink");
            s.execute("DROP SOURCE slow_bids");
        }
    }

    @Test
    void aPushQueryReadsASourceFromItsFirstEvent() throws Exception {
        try (Connection c = server.connect();
                Statement s = c.createStatement()) {
            List<String> push = rows(s, "SELECT auction, price FROM bid WHERE ROWPARTITION = 0 EMIT CHANGES LIMIT 5");
            List<String> pull =
                    rows(s, "SELECT auction, price FROM bid WHERE ROWPARTITION = 0 ORDER BY ROWOFFSET LIMIT 5");
            assertEquals(pull, push);
        }
    }

    @Test
    void badSourcesAndSinksAreRefusedClearly() throws Exception {
        try (Connection c = server.connect();
                Statement s = c.createStatement()) {
            SQLException e = assertThrows(
                    SQLException.class,
                    () -> s.execute("CREATE SOURCE x WITH (connector = 'nexmark', table = 'bids')"));
            assertEquals("22023", e.getSQLState());
            assertTrue(e.getMessage().contains("person, auction or bid"), e.getMessage());
            e = assertThrows(
                    SQLException.class,
                    () -> s.execute("CREATE SOURCE x WITH (connector = 'nexmark', table = 'bid', evnts = 5)"));
            assertEquals("22023", e.getSQLState());
            e = assertThrows(
                    SQLException.class, () -> s.execute("CREATE SOURCE x WITH (connector = 'kafka', topic = 't')"));
            assertEquals("0A000", e.getSQLState());
            e = assertThrows(
                    SQLException.class,
                    () -> s.execute("CREATE SOURCE x (auction INT) WITH (connector = 'nexmark', table = 'bid')"));
            assertEquals("42P16", e.getSQLState());
            e = assertThrows(
                    SQLException.class,
                    () -> s.execute("CREATE SINK y WITH (connector = 'nowhere') AS SELECT * FROM bid"));
            assertEquals("0A000", e.getSQLState());
            e = assertThrows(
                    SQLException.class, () -> s.execute("INSERT INTO bid VALUES (1, 2, 3, 'a', 'b', now(), '')"));
            assertEquals("42809", e.getSQLState());
            assertTrue(rows(s, "SHOW SOURCES").stream().noneMatch(r -> r.startsWith("x|")));
            assertEquals(BIDS, scalar(s, "SELECT count(*) FROM bid"));
        }
    }

    @Test
    void insertIntoEmitChangesKeepsWritingIntoAStreamAcrossARestart() throws Exception {
        try (Connection c = server.connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE STREAM readings (sensor INT, v INT) WITH (partitions = 2, key = 'sensor')");
            s.execute("CREATE STREAM alerts (sensor BIGINT, v BIGINT, note TEXT)");
            s.execute("INSERT INTO alerts (sensor, v) SELECT sensor, v * 10 FROM readings WHERE v > 5 EMIT CHANGES");
            SQLException e = assertThrows(SQLException.class, () -> s.execute("DROP STREAM alerts"));
            assertEquals("2BP01", e.getSQLState());
            e = assertThrows(
                    SQLException.class,
                    () -> s.execute("INSERT INTO alerts SELECT sensor, v FROM readings EMIT CHANGES"));
            assertEquals("42601", e.getSQLState()); // two columns for three
            e = assertThrows(
                    SQLException.class,
                    () -> s.execute("INSERT INTO alerts (sensor, v) SELECT sensor, COUNT(*) FROM readings GROUP BY"
                            + " sensor EMIT CHANGES"));
            assertEquals("0A000", e.getSQLState());
            s.execute("INSERT INTO readings VALUES (1, 3), (1, 7), (2, 9)");
            assertEquals(
                    List.of("1|70|null", "2|90|null"), rows(s, "SELECT sensor, v, note FROM alerts ORDER BY sensor"));
        }
        assertEquals(0, server.stop());
        server.restart();
        try (Connection c = server.connect();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO readings VALUES (3, 6), (3, 1)");
            assertEquals(List.of("1|70", "2|90", "3|60"), rows(s, "SELECT sensor, v FROM alerts ORDER BY sensor"));
            String id = rows(s, "SHOW QUERIES").stream()
                    .filter(r -> r.startsWith("INSERTQUERY_"))
                    .findFirst()
                    .orElseThrow()
                    .split("\\|")[0];
            s.execute("TERMINATE " + id);
            assertTrue(rows(s, "SHOW QUERIES").stream().noneMatch(r -> r.startsWith("INSERTQUERY_")));
            s.execute("INSERT INTO readings VALUES (4, 8)");
            assertEquals(3, scalar(s, "SELECT count(*) FROM alerts"));
            s.execute("DROP STREAM alerts");
        }
    }
}
