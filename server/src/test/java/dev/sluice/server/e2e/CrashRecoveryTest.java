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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Acknowledged means durable (SPEC §4.1): four clients insert into a stream and upsert into a table
 * while the server is killed with SIGKILL; after the restart every acknowledged row is there
 * exactly once, nothing that was never sent is, and the catalog is intact. Seeded; a failure prints
 * the seed.
 */
@Tag("integration")
class CrashRecoveryTest {
    private static final int CLIENTS = 4;

    @Test
    void acknowledgedInsertsSurviveKill9() throws Exception {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        Random random = new Random(seed);
        try (SluiceProcess server = SluiceProcess.start()) {
            try (Connection c = server.connect();
                    Statement s = c.createStatement()) {
                s.execute(
                        "CREATE STREAM events (client INT, seq INT, note TEXT) WITH (partitions = 4, key = 'client')");
                s.execute("CREATE TABLE latest (client INT PRIMARY KEY, seq INT) WITH (partitions = 2)");
            }
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            Set<String> attempted = ConcurrentHashMap.newKeySet();
            Map<Integer, Integer> lastAckedSeq = new ConcurrentHashMap<>();
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> writers = new ArrayList<>();
            for (int client = 0; client < CLIENTS; client++) {
                int id = client;
                Thread t = new Thread(
                        () -> write(server, id, acknowledged, attempted, lastAckedSeq, stop), "writer-" + id);
                t.start();
                writers.add(t);
            }
            Thread.sleep(800 + random.nextInt(1200));
            server.kill9();
            stop.set(true);
            for (Thread t : writers) {
                t.join(30_000);
            }
            assertTrue(
                    acknowledged.size() > 10,
                    "seed " + seed + ": too few writes before the kill: " + acknowledged.size());

            server.restart();
            try (Connection c = server.connect()) {
                Map<String, Integer> seen = new HashMap<>();
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT client, seq FROM events")) {
                    while (rs.next()) {
                        seen.merge(rs.getInt(1) + ":" + rs.getInt(2), 1, Integer::sum);
                    }
                }
                for (String ack : acknowledged) {
                    assertEquals(1, seen.getOrDefault(ack, 0), "seed " + seed + ": acknowledged row " + ack);
                }
                for (var e : seen.entrySet()) {
                    assertEquals(1, e.getValue(), "seed " + seed + ": row " + e.getKey() + " appears twice");
                    assertTrue(
                            attempted.contains(e.getKey()), "seed " + seed + ": row " + e.getKey() + " was never sent");
                }
                // The table holds, per client, at least the last acknowledged upsert (an upsert in
                // flight at the kill may also have landed, and then it is the latest).
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT client, seq FROM latest")) {
                    Set<Integer> clients = new HashSet<>();
                    while (rs.next()) {
                        int client = rs.getInt(1);
                        clients.add(client);
                        int seq = rs.getInt(2);
                        int acked = lastAckedSeq.getOrDefault(client, -1);
                        assertTrue(
                                seq == acked || seq == acked + 1,
                                "seed " + seed + ": client " + client + " seq " + seq + " acked " + acked);
                    }
                    assertEquals(lastAckedSeq.keySet(), clients, "seed " + seed);
                }
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SHOW STREAMS")) {
                    assertTrue(rs.next(), "seed " + seed + ": the stream survived");
                }
            }
        }
    }

    private static void write(
            SluiceProcess server,
            int client,
            Set<String> acknowledged,
            Set<String> attempted,
            Map<Integer, Integer> lastAckedSeq,
            AtomicBoolean stop) {
        try (Connection c = server.connect();
                PreparedStatement event = c.prepareStatement("INSERT INTO events VALUES (?, ?, ?)");
                PreparedStatement upsert = c.prepareStatement("INSERT INTO latest VALUES (?, ?)")) {
            for (int seq = 0; !stop.get(); seq++) {
                String key = client + ":" + seq;
                attempted.add(key);
                event.setInt(1, client);
                event.setInt(2, seq);
                event.setString(3, "note " + seq);
                event.executeUpdate();
                acknowledged.add(key);
                upsert.setInt(1, client);
                upsert.setInt(2, seq);
                upsert.executeUpdate();
                lastAckedSeq.put(client, seq);
            }
        } catch (SQLException e) {
            // The server died under us: what was acknowledged before is what must survive.
        }
    }
}
