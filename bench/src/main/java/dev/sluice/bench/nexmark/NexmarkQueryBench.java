package dev.sluice.bench.nexmark;

import dev.sluice.common.RowKind;
import dev.sluice.common.SluiceException;
import dev.sluice.executor.nexmark.NexmarkConfig;
import dev.sluice.executor.stream.ChangeCollector;
import dev.sluice.planner.stream.StreamPlan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Nexmark queries through Sluice's stream planner and operators, in process: the built-in generator
 * feeds the planned pipeline on one thread (parallelism 1) and the output goes to a blackhole sink.
 * No log, no network, no checkpoints: this measures the planner's compiled expressions and the
 * runtime operators, as Flink's Nexmark setup (datagen source, blackhole sink) measures Flink's.
 *
 * <p>Throughput definition (Flink Nexmark's): events/s = events generated per second of wall time,
 * counting every person, auction and bid of the standard 1:3:46 mix, even when the query reads only
 * bids (Flink's {@code bid} is a view filtering one datagen stream of all events). Bids/s is reported
 * beside it. Each run is timed from the first generated event to the final flush. Per core: events
 * per second of CPU time of the whole JVM (the benchmark thread plus GC and JIT threads) during the
 * run; on a shared machine wall-clock events/s understates what one core does, CPU time does not.
 *
 * <p>Per query: {@code --warmup} events once (JIT), then {@code --runs} runs of {@code --events}
 * events, each with a fresh pipeline and generators; the table prints the median run and the best.
 *
 * <p>Usage: {@code NexmarkQueryBench [--events N] [--warmup N] [--runs R] [--flush-events N]
 * [--source all|read] [--queries q0,q1,q2,count]}; see bench/run-nexmark-bench.sh.
 */
public final class NexmarkQueryBench {
    /** Flink 2.3, parallelism 1, 2 cores, in-process generator, blackhole sink (issue 7). */
    private static final Map<String, Double> FLINK_EVENTS_PER_SECOND =
            Map.of("q0", 1.0e6, "q1", 1.0e6, "q2", 1.0e6, "count", 0.3e6, "q4", 0.3e6, "q5", 0.3e6);

    /** Counts rows and reads every value, so the JIT cannot drop the work that made them. */
    static final class Blackhole implements ChangeCollector {
        long rows;
        long checksum;

        @Override
        public void collect(RowKind kind, Object[] row) {
            rows++;
            long h = kind.ordinal();
            for (Object v : row) {
                h = h * 31 + (v == null ? 0 : 1);
            }
            checksum += h + (row[0] == null ? 0 : row[0].hashCode());
        }
    }

    private NexmarkQueryBench() {}

    public static void main(String[] args) {
        long events = 10_000_000;
        long warmup = 5_000_000;
        int runs = 3;
        long flushEvents = 10_000;
        NexmarkQueryRun.Source source = NexmarkQueryRun.Source.ALL_TABLES;
        List<String> names = new ArrayList<>(NexmarkQueries.QUERIES.keySet());
        names.addAll(NexmarkQueries.UNSUPPORTED.keySet());
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--events" -> events = parseCount(v);
                case "--warmup" -> warmup = parseCount(v);
                case "--runs" -> runs = (int) parseCount(v);
                case "--flush-events" -> flushEvents = parseCount(v);
                case "--source" ->
                    source = "read".equals(v) ? NexmarkQueryRun.Source.READ_TABLES : NexmarkQueryRun.Source.ALL_TABLES;
                case "--queries" -> names = Arrays.asList(v.split(","));
                default -> {
                    System.err.println("unknown argument " + a + "; usage: NexmarkQueryBench [--events N]"
                            + " [--warmup N] [--runs R] [--flush-events N] [--source all|read] [--queries q0,q1,...]");
                    System.exit(2);
                }
            }
            i++;
        }
        System.out.printf(
                "# Nexmark queries, in-process generator -> Sluice stream pipeline -> blackhole; one thread;"
                        + " %d cores; java %s; %,d events per run (%s), %,d warm-up events, %d runs, flush every"
                        + " %,d events%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                events,
                source == NexmarkQueryRun.Source.ALL_TABLES
                        ? "person+auction+bid all generated"
                        : "only the tables a query reads generated",
                warmup,
                runs,
                flushEvents);
        System.out.println("# events/s counts every generated event of the 1:3:46 mix (Flink Nexmark's"
                + " definition), per second of wall time; events/CPU-s per second of the JVM's CPU time (all its"
                + " threads); vs Flink compares wall events/s");
        System.out.println(
                "| query | events/s (median) | best | bids/s (median) | events/CPU-s (median) | output rows |"
                        + " Flink events/s | vs Flink |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        NexmarkQueries catalog = new NexmarkQueries();
        NexmarkConfig config = NexmarkConfig.defaults();
        long checksum = 0;
        for (String name : names) {
            String sql = NexmarkQueries.QUERIES.getOrDefault(name, NexmarkQueries.UNSUPPORTED.get(name));
            if (sql == null) {
                System.out.println("| " + name + " | unknown query |");
                continue;
            }
            StreamPlan plan;
            try {
                plan = catalog.plan(sql);
            } catch (SluiceException e) {
                System.out.println("| " + name + " | not run: " + e.sqlState() + " " + e.getMessage() + " | | | | | |");
                continue;
            }
            Blackhole warm = new Blackhole();
            NexmarkQueryRun.run(catalog, plan, config, warmup, flushEvents, source, warm);
            checksum += warm.checksum;
            double[] rates = new double[runs];
            double[] bidRates = new double[runs];
            double[] cpuRates = new double[runs];
            long outputRows = 0;
            for (int r = 0; r < runs; r++) {
                Blackhole sink = new Blackhole();
                NexmarkQueryRun.Result result =
                        NexmarkQueryRun.run(catalog, plan, config, events, flushEvents, source, sink);
                rates[r] = result.events() / result.seconds();
                bidRates[r] = result.bids() / result.seconds();
                cpuRates[r] = result.processCpuNanos() <= 0 ? 0 : result.events() / (result.processCpuNanos() / 1e9);
                outputRows = sink.rows;
                checksum += sink.checksum;
            }
            double median = median(rates);
            double best = Arrays.stream(rates).max().orElse(0);
            Double flink = FLINK_EVENTS_PER_SECOND.get(name);
            System.out.printf(
                    "| %s | %,.0f | %,.0f | %,.0f | %,.0f | %,d | %s | %s |%n",
                    name,
                    median,
                    best,
                    median(bidRates),
                    median(cpuRates),
                    outputRows,
                    flink == null ? "-" : String.format("%,.0f", flink),
                    flink == null ? "-" : String.format("%.1f×", median / flink));
        }
        System.out.println("# checksum " + checksum);
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static long parseCount(String v) {
        if (v == null) {
            throw new IllegalArgumentException("missing value");
        }
        String s = v.replace("_", "").toUpperCase(java.util.Locale.ROOT);
        long mul = 1;
        if (s.endsWith("M")) {
            mul = 1_000_000;
            s = s.substring(0, s.length() - 1);
        } else if (s.endsWith("K")) {
            mul = 1_000;
            s = s.substring(0, s.length() - 1);
        }
        return Long.parseLong(s) * mul;
    }
}
