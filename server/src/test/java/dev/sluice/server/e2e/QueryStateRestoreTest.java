package dev.sluice.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.server.testing.SluiceProcess;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A persistent query restores its operator state from its local RocksDB copy plus the changelog
 * records the copy missed: after a clean stop the copy is complete (nothing is replayed from the log,
 * however many times each group changed), after {@code kill -9} the missing tail comes from the
 * changelog, and either way the view goes on counting exactly. Operators read their state through to
 * the copy: with a state cache far smaller than the number of groups, views still equal their query.
 */
@Tag("integration")
class QueryStateRestoreTest {
    private static final Pattern RESTORED = Pattern.compile(
            "Query \\S+( [a-z0-9 ]+)? restored from its local state at changelog offset (\\d+) \\((\\d+) changelog"
                    + " records after it applied\\)");

    @Test
    void stateComesBackFromTheLocalCopyAndTheChangelogTail() throws Exception {
        try (SluiceProcess server = SluiceProcess.start()) {
            int[] expected = new int[5];
            try (Connection c = server.connect();
                    Statement s = c.createStatement()) {
                s.execute("CREATE STREAM ev (k INT, v INT) WITH (partitions = 2)");
                s.execute(
                        "CREATE MATERIALIZED VIEW per_k AS SELECT k, COUNT(*) AS n, SUM(v) AS total FROM ev GROUP BY k");
                // Many checkpoints, each changing the same five groups: a long changelog, small state.
                insertRounds(s, expected, 40);
                assertEquals(view(expected), rows(s));
            }

            assertEquals(0, server.stop());
            int before = server.log().length();
            server.restart();
            // On more than one core the aggregate runs as tasks over a repartition topic, each with a local
            // copy of the state of its keys, read through (nothing is loaded); tasks below the exchange
            // keep only offsets and have no local copy.
            for (int i = 0;
                    i < 100 && !RESTORED.matcher(server.log().substring(before)).find();
                    i++) {
                Thread.sleep(100); // tasks restore on their first turn, each on its own
            }
            Thread.sleep(500);
            int stateful = 0;
            Matcher m = RESTORED.matcher(server.log().substring(before));
            while (m.find()) {
                stateful++;
                assertTrue(Long.parseLong(m.group(2)) > 0, m.group());
                assertEquals("0", m.group(3), "a clean stop leaves nothing to replay: " + m.group());
            }
            assertTrue(stateful > 0, server.log());
            try (Connection c = server.connect();
                    Statement s = c.createStatement()) {
                assertEquals(view(expected), rows(s));
                insertRounds(s, expected, 10);
                assertEquals(view(expected), rows(s));
            }

            server.kill9();
            server.restart();
            assertTrue(RESTORED.matcher(server.log()).find());
            try (Connection c = server.connect();
                    Statement s = c.createStatement()) {
                insertRounds(s, expected, 10);
                assertEquals(view(expected), rows(s));
            }
        }
    }

    /** Views over a table (normalize, retractions, groups that empty) and a stream, groups >> cache. */
    private static final Map<String, String> VIEWS = new LinkedHashMap<>();

    static {
        VIEWS.put(
                "by_g",
                "SELECT g, COUNT(*) AS n, SUM(v) AS sv, MIN(v) AS mn, MAX(v) AS mx, COUNT(DISTINCT v) AS dv"
                        + " FROM t GROUP BY g");
        VIEWS.put("by_h", "SELECT h, COUNT(*) AS n, MAX(v) AS mx FROM ev GROUP BY h");
        VIEWS.put("total", "SELECT COUNT(*) AS n, SUM(v) AS sv FROM t");
    }

    @Test
    void viewsWithFarMoreGroupsThanTheStateCacheEqualTheirQueryAcrossRestarts() throws Exception {
        long seed = Long.getLong("view.seed", System.nanoTime());
        Random random = new Random(seed);
        try (SluiceProcess server = SluiceProcess.start("--query-state-cache-entries", "4")) {
            try (Connection c = server.connect();
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (id INT PRIMARY KEY, g INT, v INT) WITH (partitions = 2)");
                s.execute("CREATE STREAM ev (h INT, v INT) WITH (partitions = 2)");
                changes(s, random);
                for (var e : VIEWS.entrySet()) {
                    s.execute("CREATE MATERIALIZED VIEW " + e.getKey() + " AS " + e.getValue());
                }
                for (int round = 0; round < 6; round++) {
                    changes(s, random);
                    assertViewsEqualQueries(s, seed, "round " + round);
                }
                assertTrue(rows(s, "SELECT * FROM by_g").size() > 50, "far more groups than the cache");
            }
            for (String how : new String[] {"clean stop", "kill -9"}) {
                if (how.equals("kill -9")) {
                    server.kill9();
                } else {
                    assertEquals(0, server.stop());
                }
                server.restart();
                assertTrue(
                        server.log().contains("operators read through to it, 4 unchanged entries each"), server.log());
                try (Connection c = server.connect();
                        Statement s = c.createStatement()) {
                    assertViewsEqualQueries(s, seed, "after " + how);
                    for (int round = 0; round < 4; round++) {
                        changes(s, random);
                        assertViewsEqualQueries(s, seed, "after " + how + ", round " + round);
                    }
                }
            }
        }
    }

    /** Upserts and deletes over 400 ids in 120 groups (groups empty and come back), stream inserts. */
    private static void changes(Statement s, Random random) throws SQLException {
        StringBuilder upserts = new StringBuilder("INSERT INTO t VALUES ");
        for (int i = 0; i < 40; i++) {
            upserts.append(i > 0 ? ", " : "")
                    .append('(')
                    .append(random.nextInt(400))
                    .append(", ")
                    .append(random.nextInt(120))
                    .append(", ")
                    .append(random.nextInt(50))
                    .append(')');
        }
        s.execute(upserts.toString());
        for (int i = 0; i < 8; i++) {
            s.execute("DELETE FROM t WHERE id = " + random.nextInt(400));
        }
        StringBuilder inserts = new StringBuilder("INSERT INTO ev VALUES ");
        for (int i = 0; i < 40; i++) {
            inserts.append(i > 0 ? ", " : "")
                    .append('(')
                    .append(random.nextInt(300))
                    .append(", ")
                    .append(random.nextInt(1000))
                    .append(')');
        }
        s.execute(inserts.toString());
    }

    private static void assertViewsEqualQueries(Statement s, long seed, String when) throws SQLException {
        for (var e : VIEWS.entrySet()) {
            List<String> expected = rows(s, e.getValue());
            List<String> actual = rows(s, "SELECT * FROM " + e.getKey());
            Collections.sort(expected);
            Collections.sort(actual);
            assertEquals(expected, actual, "seed " + seed + " (-Dview.seed), " + when + ": view " + e.getKey());
        }
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

    private static void insertRounds(Statement s, int[] expected, int rounds) throws SQLException {
        for (int r = 0; r < rounds; r++) {
            StringBuilder sql = new StringBuilder("INSERT INTO ev VALUES ");
            for (int k = 0; k < expected.length; k++) {
                sql.append(k > 0 ? ", " : "")
                        .append('(')
                        .append(k)
                        .append(", ")
                        .append(r)
                        .append(')');
                expected[k]++;
            }
            s.execute(sql.toString());
            // Read the view so every round is its own checkpoint (read your writes waits for it).
            s.executeQuery("SELECT count(*) FROM per_k").close();
        }
    }

    private static List<String> view(int[] counts) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < counts.length; k++) {
            out.add(k + "|" + counts[k]);
        }
        return out;
    }

    private static List<String> rows(Statement s) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT k, n FROM per_k ORDER BY k")) {
            while (rs.next()) {
                out.add(rs.getInt(1) + "|" + rs.getLong(2));
            }
        }
        return out;
    }
}
