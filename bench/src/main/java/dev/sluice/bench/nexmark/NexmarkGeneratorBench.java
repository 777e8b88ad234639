package dev.sluice.bench.nexmark;

import dev.sluice.common.RowKind;
import dev.sluice.executor.nexmark.NexmarkConfig;
import dev.sluice.executor.nexmark.NexmarkGenerator;
import dev.sluice.executor.nexmark.NexmarkTable;
import dev.sluice.executor.stream.ChangeCollector;

/**
 * Single-thread throughput of the built-in Nexmark generator: how many rows per second one core
 * turns out before any operator runs. A plain main, not JMH: each case warms up for a third of its
 * time, then polls batches of 1024 rows into a collector that only looks at each row (so the rows
 * cannot be optimised away) for the given number of seconds.
 *
 * <p>Cases: each table alone (its generator skips the other tables' events), and all three
 * interleaved as a source of the whole stream would run them (events/s then counts every event).
 *
 * <p>Usage: {@code NexmarkGeneratorBench [seconds per case, default 5]}; see
 * bench/run-nexmark-generator.sh.
 */
public final class NexmarkGeneratorBench {
    private static final int BATCH = 1024;

    /** Consumes rows: reads a field of each so the JIT must build them. */
    private static final class Sink implements ChangeCollector {
        long rows;
        long checksum;

        @Override
        public void collect(RowKind kind, Object[] row) {
            rows++;
            checksum += row.length + ((String) row[row.length - 1]).length();
        }
    }

    private NexmarkGeneratorBench() {}

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        System.out.printf(
                "# Nexmark generator bench, %d cores, java %s, %.1f s per case, one thread%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), seconds);
        System.out.println("| case | rows/s | events/s | ns/row |");
        System.out.println("|---|---|---|---|");
        long checksum = 0;
        for (NexmarkTable table : new NexmarkTable[] {NexmarkTable.BID, NexmarkTable.AUCTION, NexmarkTable.PERSON}) {
            checksum += single(table, seconds);
        }
        checksum += all(seconds);
        System.out.println("# checksum " + checksum);
    }

    private static long single(NexmarkTable table, double seconds) {
        NexmarkGenerator g = new NexmarkGenerator(NexmarkConfig.defaults(), table, 0);
        Sink sink = new Sink();
        runFor(seconds / 3, () -> g.poll(BATCH, sink));
        long events0 = g.nextEventIndex();
        long rows0 = sink.rows;
        long t0 = System.nanoTime();
        runFor(seconds, () -> g.poll(BATCH, sink));
        long elapsed = System.nanoTime() - t0;
        report(table.tableName(), sink.rows - rows0, g.nextEventIndex() - events0, elapsed);
        return sink.checksum;
    }

    private static long all(double seconds) {
        NexmarkConfig config = NexmarkConfig.defaults();
        NexmarkGenerator[] gs = new NexmarkGenerator[3];
        for (NexmarkTable table : NexmarkTable.values()) {
            gs[table.ordinal()] = new NexmarkGenerator(config, table, 0);
        }
        Sink sink = new Sink();
        // Bids lead by a batch; persons and auctions (4 events in 50) follow up to the same event index.
        Runnable step = () -> {
            NexmarkGenerator bids = gs[NexmarkTable.BID.ordinal()];
            bids.poll(BATCH, sink);
            long until = bids.nextEventIndex();
            for (NexmarkGenerator g : new NexmarkGenerator[] {gs[0], gs[1]}) {
                while (g.nextEventIndex() < until && g.poll(1, sink) > 0) {}
            }
        };
        runFor(seconds / 3, step);
        long events0 = gs[NexmarkTable.BID.ordinal()].nextEventIndex();
        long rows0 = sink.rows;
        long t0 = System.nanoTime();
        runFor(seconds, step);
        long elapsed = System.nanoTime() - t0;
        report(
                "person+auction+bid",
                sink.rows - rows0,
                gs[NexmarkTable.BID.ordinal()].nextEventIndex() - events0,
                elapsed);
        return sink.checksum;
    }

    private static void runFor(double seconds, Runnable step) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < 16; i++) {
                step.run();
            }
        }
    }

    private static void report(String name, long rows, long events, long nanos) {
        double s = nanos / 1e9;
        System.out.printf("| %s | %,.0f | %,.0f | %.1f |%n", name, rows / s, events / s, nanos / (double) rows);
    }
}
