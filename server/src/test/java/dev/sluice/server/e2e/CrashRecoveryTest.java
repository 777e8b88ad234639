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
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

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

    /**
     * A COPY is one log transaction: killed in the middle, after many of its batches were appended,
     * none of its rows are there after the restart, every acknowledged COPY is there in full, and
     * the transaction it left open does not hold readers back (new COPYs are visible at once).
     */
    @Test
    void aCopyKilledMidwayLeavesNothingAndAcknowledgedCopiesSurvive() throws Exception {
        try (SluiceProcess server = SluiceProcess.start()) {
            try (Connection c = server.connect();
                    Statement s = c.createStatement()) {
                s.execute("CREATE STREAM bulk (copy INT, seq INT, note TEXT) WITH (partitions = 4)");
                s.execute("CREATE TABLE bulk_kv (seq INT PRIMARY KEY, copy INT) WITH (partitions = 4)");
                for (int copy = 0; copy < 3; copy++) {
                    assertEquals(30_000, copy(c, "bulk", new Rows(copy, 30_000, null, true)));
                }
                assertEquals(30_000, copy(c, "bulk_kv", new Rows(0, 30_000, null, false)));
            }
            AtomicLong sent = new AtomicLong();
            List<Thread> copies = new ArrayList<>();
            for (String table : List.of("bulk", "bulk_kv")) {
                Thread t = new Thread(() -> {
                    try (Connection c = server.connect()) {
                        copy(c, table, new Rows(3, Long.MAX_VALUE, sent, table.equals("bulk"))); // never ends by itself
                    } catch (SQLException | java.io.IOException e) {
                        // the server died under it: nothing of this COPY was acknowledged
                    }
                });
                t.start();
                copies.add(t);
            }
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (sent.get() < 400_000 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(sent.get() >= 400_000, "the endless COPYs sent only " + sent.get() + " rows");
            server.kill9();
            for (Thread t : copies) {
                t.join(30_000);
            }

            server.restart();
            try (Connection c = server.connect()) {
                assertEquals(
                        List.of(List.of(0, 30_000L), List.of(1, 30_000L), List.of(2, 30_000L)),
                        StreamsAndTablesTest.query(c, "SELECT copy, count(*) FROM bulk GROUP BY copy ORDER BY copy"));
                assertEquals(
                        List.of(List.of(0, 30_000L)),
                        StreamsAndTablesTest.query(c, "SELECT copy, count(*) FROM bulk_kv GROUP BY copy"));
                // Nothing holds the readers back: a new COPY is read at once, in the stream and the table.
                assertEquals(1_000, copy(c, "bulk", new Rows(4, 1_000, null, true)));
                assertEquals(1_000, copy(c, "bulk_kv", new Rows(4, 1_000, null, false)));
                assertEquals(
                        List.of(List.of(4, 1_000L)),
                        StreamsAndTablesTest.query(c, "SELECT copy, count(*) FROM bulk WHERE copy = 4 GROUP BY copy"));
                assertEquals(
                        List.of(List.of(29_000L, 1_000L)),
                        StreamsAndTablesTest.query(
                                c,
                                "SELECT count(*) FILTER (WHERE copy = 0), count(*) FILTER (WHERE copy = 4) FROM bulk_kv"));
            }
        }
    }

    private static long copy(Connection c, String table, Rows rows) throws SQLException, java.io.IOException {
        return c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " FROM STDIN (FORMAT csv)", rows);
    }

    /**
     * CSV rows for seq = 0..n-1, made on demand: {@code copy,seq,note} for the stream, {@code seq,copy}
     * for the table; counts them in {@code sent}.
     */
    private static final class Rows extends java.io.Reader {
        private final int copy;
        private final long n;
        private final AtomicLong sent;
        private final boolean stream;
        private long next;
        private String pending = "";
        private int at;

        Rows(int copy, long n, AtomicLong sent, boolean stream) {
            this.copy = copy;
            this.n = n;
            this.sent = sent;
            this.stream = stream;
        }

        @Override
        public int read(char[] buf, int off, int len) {
            int written = 0;
            while (written < len) {
                if (at == pending.length()) {
                    if (next == n) {
                        return written == 0 ? -1 : written;
                    }
                    long seq = next++;
                    pending = stream ? copy + "," + seq + ",note " + seq + "\n" : seq + "," + copy + "\n";
                    at = 0;
                    if (sent != null) {
                        sent.incrementAndGet();
                    }
                }
                int k = Math.min(len - written, pending.length() - at);
                pending.getChars(at, at + k, buf, off + written);
                at += k;
                written += k;
            }
            return written;
        }

        @Override
        public void close() {}
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
