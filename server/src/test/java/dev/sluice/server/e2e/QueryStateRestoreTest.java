package dev.sluice.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.server.testing.SluiceProcess;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A persistent query restores its operator state from its local RocksDB copy plus the changelog
 * records the copy missed: after a clean stop the copy is complete (nothing is replayed from the log,
 * however many times each group changed), after {@code kill -9} the missing tail comes from the
 * changelog, and either way the view goes on counting exactly.
 */
@Tag("integration")
class QueryStateRestoreTest {
    private static final Pattern RESTORED = Pattern.compile(
            "Query \\S+( [a-z0-9 ]+)? restored (\\d+) state entries \\((\\d+) from local state, (\\d+) changelog keys"
                    + " after it\\)");

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
            // On more than one core the aggregate runs as tasks over a repartition topic, each with the
            // state of its keys; tasks below the exchange keep only offsets (no local copy).
            int groups = 0;
            int stateful = 0;
            for (int i = 0; i < 100 && restoredGroups(server.log().substring(before)) < expected.length; i++) {
                Thread.sleep(100); // tasks restore on their first turn, each on its own
            }
            Matcher m = RESTORED.matcher(server.log().substring(before));
            while (m.find()) {
                if (m.group(1) != null && m.group(1).contains("below the exchange")) {
                    continue;
                }
                stateful++;
                int entries = Integer.parseInt(m.group(2));
                int local = Integer.parseInt(m.group(3));
                groups += entries;
                // The local copy also has the offsets (and, for a query's only task, the row-id counter).
                assertTrue(local == entries + 1 || local == entries + 2, m.group());
                assertEquals("0", m.group(4), "a clean stop leaves nothing to replay: " + m.group());
            }
            assertTrue(stateful > 0, server.log());
            assertEquals(expected.length, groups, "every group restored once");
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

    private static int restoredGroups(String log) {
        int groups = 0;
        Matcher m = RESTORED.matcher(log);
        while (m.find()) {
            if (m.group(1) == null || !m.group(1).contains("below the exchange")) {
                groups += Integer.parseInt(m.group(2));
            }
        }
        return groups;
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
