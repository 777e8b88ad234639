package dev.sluice.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.server.testing.SluiceProcess;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Materialized views give exactly the result of their query run as a pull query over the inputs,
 * after every batch of changes (issue #7): random inserts, upserts, updates and deletes on a table
 * and inserts into a stream feed views with filters, projections, every aggregate, HAVING, DISTINCT,
 * UNION ALL and a view on a view. Read-your-writes makes each comparison exact without sleeping.
 * Seeded; a failure prints the seed (rerun with -Dview.seed=N).
 */
@Tag("integration")
class ViewEquivalenceTest {

    /** View name → its query (the pull query the view must equal). */
    private static final Map<String, String> VIEWS = new LinkedHashMap<>();

    static {
        VIEWS.put(
                "agg_all",
                "SELECT g, COUNT(*) AS n, COUNT(v) AS nv, SUM(v) AS sv, MIN(v) AS mn, MAX(v) AS mx,"
                        + " BOOL_AND(b) AS ba, BOOL_OR(b) AS bo, COUNT(DISTINCT v) AS dv, AVG(v) AS av,"
                        + " MIN(s) AS ms, SUM(d) AS sd FROM t GROUP BY g");
        VIEWS.put(
                "having_filter",
                "SELECT g, COUNT(*) AS n, SUM(v) AS sv FROM t WHERE v > 40 GROUP BY g HAVING COUNT(*) > 1");
        VIEWS.put("distinct_pairs", "SELECT DISTINCT g, b FROM t");
        VIEWS.put(
                "projected",
                "SELECT id, v * 2 AS w, CASE WHEN v > 50 THEN 'big' ELSE 'small' END AS size, upper(s) AS us"
                        + " FROM t WHERE v % 3 <> 0");
        VIEWS.put(
                "union_sum",
                "SELECT g, SUM(v) AS total, COUNT(*) AS n FROM"
                        + " (SELECT g, v FROM t UNION ALL SELECT g, v FROM ev) AS u GROUP BY g");
        VIEWS.put("global_count", "SELECT COUNT(*) AS n, SUM(v) AS sv, MAX(s) AS mx FROM t");
        VIEWS.put("stream_filter", "SELECT g, v, CAST(v AS DOUBLE) / 2 AS half FROM ev WHERE v >= 10");
    }

    /** Views on views: name → query over other views. */
    private static final Map<String, String> VIEWS_ON_VIEWS =
            Map.of("groups_by_size", "SELECT n, COUNT(*) AS groups FROM agg_all GROUP BY n");

    @Test
    void viewsEqualTheirQueryAfterEveryBatch() throws Exception {
        long seed = Long.getLong("view.seed", System.nanoTime());
        Random random = new Random(seed);
        try (SluiceProcess server = SluiceProcess.start();
                Connection c = server.connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, g INT, v INT, s TEXT, b BOOLEAN, d DECIMAL(10,2))"
                    + " WITH (partitions = 3)");
            s.execute("CREATE STREAM ev (g INT, v INT) WITH (partitions = 2)");
            // Some history first: views must process it (backfill) before going live.
            applyBatch(s, random, 30);
            for (var e : VIEWS.entrySet()) {
                String kind = e.getKey().equals("stream_filter") ? "STREAM" : "MATERIALIZED VIEW";
                s.execute("CREATE " + kind + " " + e.getKey() + " AS " + e.getValue());
            }
            for (var e : VIEWS_ON_VIEWS.entrySet()) {
                s.execute("CREATE MATERIALIZED VIEW " + e.getKey() + " AS " + e.getValue());
            }
            for (int batch = 0; batch < 25; batch++) {
                if (batch > 0) {
                    applyBatch(s, random, 1 + random.nextInt(12));
                }
                for (var e : VIEWS.entrySet()) {
                    assertSameRows(s, e.getKey(), e.getValue(), seed, batch);
                }
                for (var e : VIEWS_ON_VIEWS.entrySet()) {
                    // The pull query over the view's own inputs, spelled out.
                    String inner = VIEWS.get("agg_all");
                    String pull = "SELECT n, COUNT(*) AS groups FROM (" + inner + ") AS a GROUP BY n";
                    assertSameRows(s, e.getKey(), pull, seed, batch);
                }
            }
        }
    }

    private static void applyBatch(Statement s, Random random, int changes) throws SQLException {
        for (int i = 0; i < changes; i++) {
            int id = random.nextInt(40);
            int op = random.nextInt(10);
            if (op < 5) {
                s.execute("INSERT INTO t VALUES (" + id + ", " + random.nextInt(5) + ", " + value(random) + ", "
                        + (random.nextInt(6) == 0 ? "NULL" : "'s" + random.nextInt(9) + "'") + ", "
                        + (random.nextInt(5) == 0 ? "NULL" : random.nextBoolean()) + ", "
                        + (random.nextInt(100) - 30) + "." + random.nextInt(100) + ")");
            } else if (op < 7) {
                s.execute("UPDATE t SET v = " + value(random) + ", g = " + random.nextInt(5) + " WHERE id = " + id);
            } else if (op < 8) {
                s.execute("DELETE FROM t WHERE id = " + id);
            } else {
                s.execute("INSERT INTO ev VALUES (" + random.nextInt(5) + ", " + value(random) + "), ("
                        + random.nextInt(5) + ", " + value(random) + ")");
            }
        }
    }

    private static String value(Random random) {
        return random.nextInt(8) == 0 ? "NULL" : Integer.toString(random.nextInt(100));
    }

    private static void assertSameRows(Statement s, String view, String query, long seed, int batch)
            throws SQLException {
        List<String> expected = rows(s, query);
        List<String> actual = rows(s, "SELECT * FROM " + view);
        assertEquals(
                sorted(expected),
                sorted(actual),
                "seed " + seed + ", batch " + batch + ": view " + view + " differs from its query " + query);
    }

    private static List<String> rows(Statement s, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                out.add(row.toString());
            }
        }
        return out;
    }

    private static List<String> sorted(List<String> rows) {
        List<String> out = new ArrayList<>(rows);
        java.util.Collections.sort(out);
        return out;
    }
}
