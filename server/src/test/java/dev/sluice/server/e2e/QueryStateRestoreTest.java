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
            "restored (\\d+) state entries \\((\\d+) from local state, (\\d+) changelog keys after it\\)");

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
            server.restart();
            Matcher m = lastRestore(server);
            assertEquals(
                    Integer.parseInt(m.group(1)) + 2, Integer.parseInt(m.group(2)), m.group()); // + offsets, row id
            assertEquals("0", m.group(3), "a clean stop leaves nothing to replay: " + m.group());
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

    private static Matcher lastRestore(SluiceProcess server) {
        Matcher m = RESTORED.matcher(server.log());
        Matcher last = null;
        while (m.find()) {
            last = RESTORED.matcher(m.group());
            assertTrue(last.matches());
        }
        assertTrue(last != null, server.log());
        return last;
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
