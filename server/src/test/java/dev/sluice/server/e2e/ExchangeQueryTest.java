package dev.sluice.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.server.testing.SluiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A GROUP BY over streams runs split at an exchange by key (on more than one core): tasks below it
 * write rows into the query's repartition topic by key, one task per repartition partition keeps the
 * state of its keys. Checked through pgjdbc against a real server: the view equals the pull query
 * after every batch (read your writes through both stages), both repartition partitions carry rows,
 * the result survives a clean restart and a kill -9, and DROP removes the repartition topic.
 */
@Tag("integration")
class ExchangeQueryTest {
    private static final String VIEW = "SELECT k, n, total, low, high, kinds FROM per_k ORDER BY k";
    private static final String PULL = "SELECT k, COUNT(*), SUM(v), MIN(v), MAX(v), COUNT(DISTINCT v % 7)"
            + " FROM ev WHERE v >= 0 GROUP BY k ORDER BY k";
    /** Every call merges, so this one also gets a local aggregate below the exchange. */
    private static final String MERGED_VIEW = "SELECT k, n, total, low, high FROM sums ORDER BY k";

    private static final String MERGED_PULL =
            "SELECT k, COUNT(*), SUM(v), MIN(v), MAX(v) FROM ev WHERE v >= 0 GROUP BY k ORDER BY k";
    private static final String OVERALL_VIEW = "SELECT n, total, high FROM overall";
    private static final String OVERALL_PULL = "SELECT COUNT(*), SUM(v), MAX(v) FROM ev";
    private static final Pattern EXCHANGE_OFFSET = Pattern.compile("__sluice_query_(\\d+)_exchange/(\\d+): (\\d+)");

    @Test
    void anAggregateOverStreamsRunsAsTasksOnBothSidesOfARepartitionTopic() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        Random random = new Random(7);
        try (SluiceProcess server = SluiceProcess.start()) {
            try (Connection c = server.connect();
                    Statement s = c.createStatement()) {
                s.execute("CREATE STREAM ev (k TEXT, v INT) WITH (partitions = 3)");
                s.execute("CREATE STREAM more (k TEXT, v INT) WITH (partitions = 1)");
                s.execute("CREATE MATERIALIZED VIEW per_k AS SELECT k, COUNT(*) AS n, SUM(v) AS total,"
                        + " MIN(v) AS low, MAX(v) AS high, COUNT(DISTINCT v % 7) AS kinds"
                        + " FROM (SELECT k, v FROM ev UNION ALL SELECT k, v FROM more) AS u"
                        + " WHERE v >= 0 GROUP BY k");
                s.execute("CREATE MATERIALIZED VIEW sums AS SELECT k, COUNT(*) AS n, SUM(v) AS total,"
                        + " MIN(v) AS low, MAX(v) AS high FROM ev WHERE v >= 0 GROUP BY k");
                // A global aggregate: partials from every lower task go to one task above.
                s.execute("CREATE MATERIALIZED VIEW overall AS SELECT COUNT(*) AS n, SUM(v) AS total, MAX(v) AS high"
                        + " FROM ev");
                // streaming_parallelism (RisingWave's setting) limits the tasks of the queries a session
                // creates; 1 runs a query as one task, also after a restart.
                SQLException bad = assertThrows(SQLException.class, () -> s.execute("SET streaming_parallelism = -2"));
                assertEquals("22023", bad.getSQLState());
                s.execute("SET streaming_parallelism = 1");
                s.execute("CREATE MATERIALIZED VIEW one_task AS SELECT k, COUNT(*) AS n FROM ev GROUP BY k");
                s.execute("RESET streaming_parallelism");
                assertTrue(showQueries(s).contains("MV_ONE_TASK_"), showQueries(s));
                assertEquals(1, tasksOf(s, "MV_ONE_TASK_"));
                String show = showQueries(s);
                if (cores > 1) {
                    // Below: one task per source partition up to one per core; above: one per core.
                    assertTrue(show.contains("|" + (Math.min(cores, 4) + cores) + "|"), show);
                }
                for (int batch = 0; batch < 12; batch++) {
                    insert(s, "ev", random, 50);
                    insert(s, "more", random, 10);
                    assertEquals(rows(s, pullOverBoth()), rows(s, VIEW), "after batch " + batch);
                    assertEquals(rows(s, MERGED_PULL), rows(s, MERGED_VIEW), "after batch " + batch);
                    assertEquals(rows(s, OVERALL_PULL), rows(s, OVERALL_VIEW), "after batch " + batch);
                }
                // EXPLAIN query_id shows how the running query runs; only "sums" merges its calls.
                String sums = String.join("\n", rows(s, "EXPLAIN " + idOf(showQueries(s), "MV_SUMS_")));
                assertTrue(sums.contains("StreamGroupAggregate(group=[k]"), sums);
                String perK = String.join("\n", rows(s, "EXPLAIN " + idOf(showQueries(s), "MV_PER_K_")));
                assertTrue(!perK.contains("StreamLocalAggregate"), perK);
                if (cores > 1) {
                    assertTrue(sums.contains("StreamLocalAggregate(group=[k], partials=[COUNT()"), sums);
                    assertTrue(sums.contains("below the exchange: " + Math.min(cores, 3) + " task(s)"), sums);
                    assertTrue(sums.contains("above the exchange: " + cores + " task(s)"), sums);
                    String overall = String.join("\n", rows(s, "EXPLAIN " + idOf(showQueries(s), "MV_OVERALL_")));
                    assertTrue(overall.contains("StreamExchange(single)"), overall);
                    assertTrue(overall.contains("above the exchange: 1 task(s)"), overall);
                }
                SQLException unknown = assertThrows(SQLException.class, () -> s.executeQuery("EXPLAIN no_such_query"));
                assertEquals("42704", unknown.getSQLState());
                if (cores > 1) {
                    // Every repartition partition got rows (60 keys hash to both).
                    Matcher m = EXCHANGE_OFFSET.matcher(showQueries(s));
                    int used = 0;
                    while (m.find()) {
                        if (Long.parseLong(m.group(3)) > 0) {
                            used++;
                        }
                    }
                    assertEquals(2 * cores + 1, used, showQueries(s)); // both keyed views, the global one
                }
            }

            assertEquals(0, server.stop());
            server.restart();
            try (Connection c = server.connect();
                    Statement s = c.createStatement()) {
                insert(s, "ev", random, 50);
                assertEquals(rows(s, pullOverBoth()), rows(s, VIEW), "after a clean restart");
                assertEquals(1, tasksOf(s, "MV_ONE_TASK_"));
                assertEquals(
                        rows(s, "SELECT k, COUNT(*) FROM ev GROUP BY k ORDER BY k"),
                        rows(s, "SELECT k, n FROM one_task ORDER BY k"));
                assertEquals(rows(s, MERGED_PULL), rows(s, MERGED_VIEW), "after a clean restart");
                assertEquals(rows(s, OVERALL_PULL), rows(s, OVERALL_VIEW), "after a clean restart");
            }

            server.kill9();
            server.restart();
            try (Connection c = server.connect();
                    Statement s = c.createStatement()) {
                insert(s, "ev", random, 50);
                insert(s, "more", random, 10);
                assertEquals(rows(s, pullOverBoth()), rows(s, VIEW), "after kill -9");
                assertEquals(rows(s, MERGED_PULL), rows(s, MERGED_VIEW), "after kill -9");
                assertEquals(rows(s, OVERALL_PULL), rows(s, OVERALL_VIEW), "after kill -9");
                String oid = oidOf(showQueries(s));
                if (cores > 1) {
                    assertTrue(topicDirs(server, "__sluice_query_" + oid + "_exchange") > 0);
                }
                s.execute("DROP MATERIALIZED VIEW per_k");
                assertEquals(0, topicDirs(server, "__sluice_query_" + oid + "_exchange"));
                assertEquals(0, topicDirs(server, "__sluice_query_" + oid));
            }
        }
    }

    private static String pullOverBoth() {
        return PULL.replace("FROM ev", "FROM (SELECT k, v FROM ev UNION ALL SELECT k, v FROM more) AS u");
    }

    private static void insert(Statement s, String stream, Random random, int rows) throws SQLException {
        StringBuilder sql = new StringBuilder("INSERT INTO " + stream + " VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i > 0 ? ", " : "")
                    .append("('key")
                    .append(random.nextInt(60))
                    .append("', ")
                    .append(random.nextInt(120) - 10) // some rows fail the filter
                    .append(')');
        }
        s.execute(sql.toString());
    }

    private static String showQueries(Statement s) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (ResultSet rs = s.executeQuery("SHOW QUERIES")) {
            while (rs.next()) {
                out.append(rs.getString("query_id"))
                        .append('|')
                        .append(rs.getString("offsets"))
                        .append('|')
                        .append(rs.getInt("tasks"))
                        .append("|\n");
            }
        }
        return out.toString();
    }

    private static int tasksOf(Statement s, String idPrefix) throws SQLException {
        try (ResultSet rs = s.executeQuery("SHOW QUERIES")) {
            while (rs.next()) {
                if (rs.getString("query_id").startsWith(idPrefix)) {
                    return rs.getInt("tasks");
                }
            }
        }
        throw new AssertionError("no query " + idPrefix);
    }

    private static String idOf(String show, String prefix) {
        Matcher m = Pattern.compile(Pattern.quote(prefix) + "\\d+").matcher(show);
        assertTrue(m.find(), show);
        return m.group();
    }

    private static String oidOf(String show) {
        Matcher m = Pattern.compile("MV_PER_K_(\\d+)").matcher(show);
        assertTrue(m.find(), show);
        return m.group(1);
    }

    /** Partition directories of a topic in the server's log directory. */
    private static long topicDirs(SluiceProcess server, String topic) throws Exception {
        Path log = server.dataDir().resolve("log");
        try (Stream<Path> dirs = Files.list(log)) {
            return dirs.filter(p -> p.getFileName().toString().matches(Pattern.quote(topic) + "-\\d+"))
                    .count();
        }
    }

    private static List<String> rows(Statement s, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                out.add(row.toString());
            }
        }
        return out;
    }
}
