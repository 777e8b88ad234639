package dev.sluice.bench.nexmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Nexmark through a real server, the way a user runs it: {@code CREATE SOURCE bid WITH (connector =
 * 'nexmark', events = N)}, then for each query {@code CREATE SINK ... WITH (connector = 'blackhole') AS
 * <query>}, timed from the CREATE until SHOW QUERIES reports every bid processed with no lag. The
 * query runs on one thread in the server, reading the generator in process (as Flink's Nexmark runs
 * do at parallelism 1), checkpointing every 500 ms as any persistent query does.
 *
 * <p>Usage: {@code NexmarkServerBench jdbcUrl [events] [runs] [queries] [partitions]}, e.g. {@code ...
 * 10000000 3 q0,q1,q2,count 1}. With more than one source partition, queries without state run as
 * one task per partition (up to one per core). Prints one line per run and the median per query, in events per second (all
 * generated events, of which 46 in 50 are bids, as Flink's Nexmark counts them).
 */
public final class NexmarkServerBench {
    private static final Map<String, String> QUERIES = new LinkedHashMap<>();

    static {
        // The texts of the in-process benchmark (NexmarkQueries), Flink's Nexmark q0-q2 with
        // date_time for dateTime, and an unwindowed count of bids per auction.
        QUERIES.put("q0", "SELECT auction, bidder, price, date_time, extra FROM bid");
        QUERIES.put("q1", "SELECT auction, bidder, 0.908 * price AS price, date_time, extra FROM bid");
        QUERIES.put("q2", "SELECT auction, price FROM bid WHERE MOD(auction, 123) = 0");
        QUERIES.put("count", "SELECT auction, COUNT(*) AS bids FROM bid GROUP BY auction");
        // Not part of the default set: COUNT(DISTINCT) has no local aggregate, so a split query sends
        // every bid through its repartition topic (what the split costs when nothing folds).
        QUERIES.put("bidders", "SELECT auction, COUNT(DISTINCT bidder) AS bidders FROM bid GROUP BY auction");
    }

    private NexmarkServerBench() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        long events = args.length > 1 ? Long.parseLong(args[1].replace("_", "")) : 10_000_000L;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        List<String> names = args.length > 3 ? Arrays.asList(args[3].split(",")) : List.of("q0", "q1", "q2", "count");
        int partitions = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        // streaming_parallelism for the sinks: 0 = one task per core where the plan allows (default).
        int parallelism = args.length > 5 ? Integer.parseInt(args[5]) : 0;
        long bids = events / 50 * 46 + Math.max(0, events % 50 - 4);
        try (Connection c = DriverManager.getConnection(url, "sluice", "");
                Statement s = c.createStatement()) {
            s.execute("SET streaming_parallelism = " + parallelism);
            s.execute("DROP SOURCE IF EXISTS bid CASCADE");
            s.execute("CREATE SOURCE bid WITH (connector = 'nexmark', table = 'bid', events = " + events
                    + ", partitions = " + partitions + ")");
            System.out.printf(
                    "nexmark through the server: %,d events (%,d bids), %d partition(s), streaming_parallelism %d,"
                            + " %d run(s) per query%n",
                    events, bids, partitions, parallelism, runs);
            for (String name : names) {
                String sql = QUERIES.get(name);
                if (sql == null) {
                    throw new IllegalArgumentException("unknown query " + name + "; known: " + QUERIES.keySet());
                }
                double[] rates = new double[runs];
                for (int run = 0; run < runs; run++) {
                    String sink = "bench_" + name;
                    long start = System.nanoTime();
                    s.execute("CREATE SINK " + sink + " WITH (connector = 'blackhole') AS " + sql);
                    awaitDone(s, sink, bids);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    s.execute("DROP SINK " + sink);
                    rates[run] = events / seconds;
                    System.out.printf("  %-6s run %d: %.2f s, %,.0f events/s%n", name, run + 1, seconds, rates[run]);
                }
                Arrays.sort(rates);
                System.out.printf("%-6s median %,.0f events/s  (%s)%n", name, rates[runs / 2], sql);
            }
            s.execute("DROP SOURCE bid");
        }
    }

    /** Polls SHOW QUERIES until the sink's query has processed every bid and committed it. */
    private static void awaitDone(Statement s, String sink, long bids) throws SQLException, InterruptedException {
        String prefix = "SINK_" + sink.toUpperCase() + "_";
        long lastReport = System.nanoTime();
        while (true) {
            try (ResultSet rs = s.executeQuery("SHOW QUERIES")) {
                while (rs.next()) {
                    if (!rs.getString("query_id").startsWith(prefix)) {
                        continue;
                    }
                    String status = rs.getString("status");
                    if (status.startsWith("FAILED")) {
                        throw new IllegalStateException(sink + ": " + status);
                    }
                    long processed = rs.getLong("processed");
                    if (processed >= bids && rs.getLong("lag") == 0) {
                        return;
                    }
                    if (System.nanoTime() - lastReport > 5_000_000_000L) {
                        System.out.printf("    ... %,d of %,d bids%n", processed, bids);
                        lastReport = System.nanoTime();
                    }
                }
            }
            Thread.sleep(10);
        }
    }
}
