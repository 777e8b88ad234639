package dev.sluice.bench.push;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Push-query latency under load (SPEC §7): a writer inserts into a stream at a fixed rate in small
 * batches over pgjdbc; a push query ({@code SELECT ... EMIT CHANGES} with {@code setFetchSize}) reads
 * them on another connection. Latency = client receipt of a row − acknowledgement of the INSERT that
 * wrote it (same JVM, same clock). Prints progress every second and p50/p90/p99/max at the end.
 *
 * <p>Usage: {@code PushLatencyBench jdbcUrl [rowsPerSecond=10000] [seconds=20] [batch=10]}
 */
public final class PushLatencyBench {
    private PushLatencyBench() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        try (Connection admin = DriverManager.getConnection(url, "sluice", "");
                Statement s = admin.createStatement()) {
            s.execute("CREATE STREAM lat (id BIGINT, payload TEXT) WITH (partitions = 4)");
        }
        ConcurrentHashMap<Long, Long> acked = new ConcurrentHashMap<>();
        // A row can reach the reader before the writer has noted its acknowledgement: keep both
        // times and pair them at the end (such a row counts as latency 0).
        ConcurrentHashMap<Long, Long> received = new ConcurrentHashMap<>();
        AtomicBoolean done = new AtomicBoolean();
        Connection push = DriverManager.getConnection(url, "sluice", "");
        push.setAutoCommit(false);
        Statement ps = push.createStatement();
        // A portal of a push query returns as soon as it has rows, so a large fetch size batches
        // without waiting; fetch size 1 would cost a round trip per row.
        ps.setFetchSize(1000);
        Thread reader = new Thread(() -> {
            try (ResultSet rs = ps.executeQuery("SELECT id FROM lat EMIT CHANGES")) {
                while (rs.next()) {
                    received.put(rs.getLong(1), System.nanoTime());
                }
            } catch (Exception e) {
                if (!done.get()) {
                    e.printStackTrace();
                }
            }
        });
        reader.start();
        // The push query starts "now" once planned: write probes until one arrives, so that every
        // measured row is written after it runs.
        try (Connection probe = DriverManager.getConnection(url, "sluice", "");
                Statement p = probe.createStatement()) {
            while (!received.containsKey(-1L)) {
                p.execute("INSERT INTO lat VALUES (-1, 'probe')");
                Thread.sleep(200);
            }
        }
        StringBuilder sql = new StringBuilder("INSERT INTO lat VALUES ");
        for (int i = 0; i < batch; i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, 'payload-of-about-forty-bytes-0123456789')");
        }
        long id = 0;
        long start = System.nanoTime();
        long interval = 1_000_000_000L * batch / rate;
        try (Connection writer = DriverManager.getConnection(url, "sluice", "");
                PreparedStatement insert = writer.prepareStatement(sql.toString())) {
            long next = start;
            long lastReport = start;
            while (System.nanoTime() - start < seconds * 1_000_000_000L) {
                while (System.nanoTime() < next) {
                    Thread.onSpinWait();
                }
                next += interval;
                for (int i = 0; i < batch; i++) {
                    insert.setLong(i + 1, id + i);
                }
                insert.executeUpdate();
                long ack = System.nanoTime();
                for (int i = 0; i < batch; i++) {
                    acked.put(id + i, ack);
                }
                id += batch;
                if (ack - lastReport >= 1_000_000_000L) {
                    lastReport = ack;
                    System.out.printf(
                            "%4.0f s: %,d rows written, %,d received%n", (ack - start) / 1e9, id, received.size());
                }
            }
        }
        Thread.sleep(2000);
        done.set(true);
        push.unwrap(org.postgresql.PGConnection.class).cancelQuery();
        reader.join(5000);
        List<Long> latencies = new ArrayList<>();
        int missing = 0;
        long firstMissing = Long.MAX_VALUE;
        for (var e : acked.entrySet()) {
            Long got = received.get(e.getKey());
            if (got == null) {
                missing++;
                firstMissing = Math.min(firstMissing, e.getKey());
            } else {
                latencies.add(Math.max(0, got - e.getValue()));
            }
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        double elapsed = seconds;
        System.out.printf(
                "rows: %,d written (%,.0f rows/s offered), %,d received, %,d missing%n",
                id, id / elapsed, sorted.length, missing);
        if (missing > 0) {
            System.out.printf("first missing id: %,d of %,d%n", firstMissing, id);
        }
        if (sorted.length > 0) {
            System.out.printf(
                    "insert ack -> push receipt: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    pct(sorted, 0.50), pct(sorted, 0.90), pct(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
        }
        push.close();
    }

    private static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))] / 1e6;
    }
}
