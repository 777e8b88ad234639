package dev.sluice.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.server.testing.SluiceProcess;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Exactly once through crashes (SPEC §4.2, issue #7): four clients insert into a stream and upsert
 * and delete rows of a table while three persistent queries run (a count per key over the stream, a
 * sum over the table, which retracts on updates and deletes, and a filter stream); the server is
 * killed with SIGKILL at random moments ten times. After the last restart every view equals its
 * query over the input as stored, that input holds every acknowledged write, and the filter stream
 * holds each qualifying input row exactly once. Seeded; a failure prints the seed (-Dcq.crash.seed).
 */
@Tag("integration")
class ContinuousQueryCrashTest {
    private static final int CLIENTS = 4;
    private static final int KILLS = 10;

    @Test
    void viewsAreExactAfterRepeatedKill9() throws Exception {
        long seed = Long.getLong("cq.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        try (SluiceProcess server = SluiceProcess.start()) {
            try (Connection c = server.connect();
                    Statement s = c.createStatement()) {
                s.execute("CREATE STREAM ev (client INT, seq INT, k INT, v INT) WITH (partitions = 4, key = 'k')");
                s.execute("CREATE TABLE adj (id INT PRIMARY KEY, bucket INT, delta INT) WITH (partitions = 2)");
                s.execute(
                        "CREATE MATERIALIZED VIEW counts AS SELECT k, COUNT(*) AS n, SUM(v) AS sv FROM ev GROUP BY k");
                s.execute(
                        "CREATE TABLE sums AS SELECT bucket, SUM(delta) AS total, COUNT(*) AS n FROM adj GROUP BY bucket");
                s.execute("CREATE STREAM big AS SELECT client, seq, v FROM ev WHERE v >= 70");
            }
            for (int round = 0; round < KILLS; round++) {
                AtomicBoolean stop = new AtomicBoolean();
                List<Thread> writers = new ArrayList<>();
                for (int client = 0; client < CLIENTS; client++) {
                    int id = client;
                    long clientSeed = random.nextLong();
                    int firstSeq = round * 1_000_000;
                    Thread t = new Thread(
                            () -> write(server, id, firstSeq, new Random(clientSeed), acknowledged, stop),
                            "writer-" + id);
                    t.start();
                    writers.add(t);
                }
                Thread.sleep(400 + random.nextInt(1200));
                server.kill9();
                stop.set(true);
                for (Thread t : writers) {
                    t.join(30_000);
                }
                server.restart();
            }
            assertTrue(acknowledged.size() > 50, "seed " + seed + ": too few writes: " + acknowledged.size());
            try (Connection c = server.connect();
                    Statement s = c.createStatement()) {
                // A write of this session makes its next pull queries wait for the views to catch up.
                s.execute("INSERT INTO ev VALUES (-1, -1, -1, 0)");
                s.execute("INSERT INTO adj VALUES (-1, -1, 0)");
                Map<String, Integer> input = new HashMap<>();
                try (ResultSet rs = s.executeQuery("SELECT client, seq, v FROM ev")) {
                    while (rs.next()) {
                        input.merge("ev:" + rs.getInt(1) + ":" + rs.getInt(2), 1, Integer::sum);
                    }
                }
                for (String ack : acknowledged) {
                    if (ack.startsWith("ev:")) {
                        assertEquals(1, input.getOrDefault(ack, 0), "seed " + seed + ": acknowledged " + ack);
                    }
                }
                assertEquals(
                        rows(s, "SELECT k, COUNT(*) AS n, SUM(v) AS sv FROM ev GROUP BY k"),
                        rows(s, "SELECT k, n, sv FROM counts"),
                        "seed " + seed + ": counts");
                assertEquals(
                        rows(s, "SELECT bucket, SUM(delta), COUNT(*) FROM adj GROUP BY bucket"),
                        rows(s, "SELECT bucket, total, n FROM sums"),
                        "seed " + seed + ": sums");
                Map<String, Integer> big = new TreeMap<>();
                try (ResultSet rs = s.executeQuery("SELECT client, seq FROM big")) {
                    while (rs.next()) {
                        big.merge(rs.getInt(1) + ":" + rs.getInt(2), 1, Integer::sum);
                    }
                }
                Map<String, Integer> expectedBig = new TreeMap<>();
                try (ResultSet rs = s.executeQuery("SELECT client, seq FROM ev WHERE v >= 70")) {
                    while (rs.next()) {
                        expectedBig.put(rs.getInt(1) + ":" + rs.getInt(2), 1);
                    }
                }
                assertEquals(expectedBig, big, "seed " + seed + ": the filter stream holds each row exactly once");
                try (ResultSet rs = s.executeQuery("SHOW QUERIES")) {
                    int running = 0;
                    while (rs.next()) {
                        assertEquals("RUNNING", rs.getString("status"), "seed " + seed);
                        running++;
                    }
                    assertEquals(3, running, "seed " + seed);
                }
            }
        }
    }

    private static void write(
            SluiceProcess server,
            int client,
            int firstSeq,
            Random random,
            Set<String> acknowledged,
            AtomicBoolean stop) {
        try (Connection c = server.connect();
                PreparedStatement event = c.prepareStatement("INSERT INTO ev VALUES (?, ?, ?, ?), (?, ?, ?, ?)");
                PreparedStatement upsert = c.prepareStatement("INSERT INTO adj VALUES (?, ?, ?)");
                PreparedStatement delete = c.prepareStatement("DELETE FROM adj WHERE id = ?")) {
            for (int seq = firstSeq; !stop.get(); seq += 2) {
                for (int i = 0; i < 2; i++) {
                    event.setInt(i * 4 + 1, client);
                    event.setInt(i * 4 + 2, seq + i);
                    event.setInt(i * 4 + 3, random.nextInt(20));
                    event.setInt(i * 4 + 4, random.nextInt(100));
                }
                event.executeUpdate();
                acknowledged.add("ev:" + client + ":" + seq);
                acknowledged.add("ev:" + client + ":" + (seq + 1));
                int id = client * 1000 + random.nextInt(30);
                if (random.nextInt(4) == 0) {
                    delete.setInt(1, id);
                    delete.executeUpdate();
                } else {
                    upsert.setInt(1, id);
                    upsert.setInt(2, random.nextInt(6));
                    upsert.setInt(3, random.nextInt(200) - 100);
                    upsert.executeUpdate();
                }
            }
        } catch (SQLException e) {
            // The server died under us: what was acknowledged before must survive.
        }
    }

    private static Map<String, String> rows(Statement s, String sql) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder rest = new StringBuilder();
                for (int i = 2; i <= n; i++) {
                    rest.append(i > 2 ? "|" : "").append(rs.getString(i));
                }
                out.put(rs.getString(1), rest.toString());
            }
        }
        return out;
    }
}
