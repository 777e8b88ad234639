package dev.sluice.bench.nexmark;

import dev.sluice.common.RowKind;
import dev.sluice.executor.nexmark.NexmarkConfig;
import dev.sluice.executor.nexmark.NexmarkGenerator;
import dev.sluice.executor.nexmark.NexmarkIds;
import dev.sluice.executor.nexmark.NexmarkTable;
import dev.sluice.executor.stream.ChangeCollector;
import dev.sluice.planner.catalog.Relation;
import dev.sluice.planner.stream.Pipeline;
import dev.sluice.planner.stream.StreamPlan;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * Runs one planned Nexmark query over a bounded number of generated events, on the calling thread
 * (parallelism 1), into a sink.
 *
 * <p>How events flow:
 *
 * <ol>
 *   <li>The event indexes {@code [0, events)} are walked in chunks of {@link #CHUNK_EVENTS}. For each
 *       chunk the person, auction and bid generators each emit exactly their rows of the chunk
 *       (counted from the 1:3:46 layout of every 50 events), persons and auctions first, so an
 *       auction reaches the pipeline before the bids that follow it.
 *   <li>{@link Source#ALL_TABLES}: every event of the mix is generated, including the persons and
 *       auctions a bid-only query drops (as Flink's Nexmark does: one datagen source of all events,
 *       and {@code bid} is a view that filters them). {@link Source#READ_TABLES}: only the tables the
 *       plan reads are generated, as Sluice's per-table {@code nexmark} sources would run.
 *   <li>A row of a table the plan reads gets the pseudo-columns appended (rowtime = date_time,
 *       rowpartition = 0, rowoffset = its event index), as a source task does, and enters the
 *       pipeline.
 *   <li>{@link Pipeline#flush()} runs every {@code flushEvents} events and at the end (the
 *       mini-batch boundary, where a group aggregate emits its changed groups).
 * </ol>
 */
public final class NexmarkQueryRun {
    /** Events per generation step; a multiple of 50 so that every chunk has the standard mix. */
    public static final int CHUNK_EVENTS = 1000;

    /** Which events are generated. */
    public enum Source {
        ALL_TABLES,
        READ_TABLES
    }

    /**
     * What a run did.
     *
     * @param events event indexes covered (all tables)
     * @param generated rows generated per table, by {@link NexmarkTable#ordinal()}
     * @param fed rows that entered the pipeline
     * @param nanos wall time of the run
     * @param processCpuNanos CPU time the whole JVM used during the run (all threads: this one, GC,
     *     JIT), or -1 if the platform does not tell
     */
    public record Result(long events, long[] generated, long fed, long nanos, long processCpuNanos) {
        public long bids() {
            return generated[NexmarkTable.BID.ordinal()];
        }

        public double seconds() {
            return nanos / 1e9;
        }
    }

    private NexmarkQueryRun() {}

    /**
     * Generates {@code events} events with {@code config} (one partition) into a fresh pipeline of
     * {@code plan} whose output goes to {@code sink}.
     */
    public static Result run(
            NexmarkQueries catalog,
            StreamPlan plan,
            NexmarkConfig config,
            long events,
            long flushEvents,
            Source source,
            ChangeCollector sink) {
        if (config.partitions() != 1) {
            throw new IllegalArgumentException("the benchmark runs one partition (parallelism 1)");
        }
        if (flushEvents < CHUNK_EVENTS) {
            throw new IllegalArgumentException("flush interval must be at least " + CHUNK_EVENTS + " events");
        }
        NexmarkConfig bounded = config.withEvents(events);
        Pipeline pipeline = plan.instantiate(sink);
        NexmarkTable[] tables = NexmarkTable.values();
        NexmarkGenerator[] generators = new NexmarkGenerator[tables.length];
        SourceTask[] tasks = new SourceTask[tables.length];
        for (NexmarkTable t : tables) {
            Relation relation = catalog.relation(t);
            ChangeCollector input = pipeline.input(relation.oid());
            if (input == null && source == Source.READ_TABLES) {
                continue;
            }
            generators[t.ordinal()] = new NexmarkGenerator(bounded, t, 0);
            tasks[t.ordinal()] = new SourceTask(input, t.schema().columns().size(), dateTimeIndex(t));
        }
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        long sinceFlush = 0;
        for (long from = 0; from < events; from += CHUNK_EVENTS) {
            long to = Math.min(events, from + CHUNK_EVENTS);
            for (NexmarkTable t : tables) {
                NexmarkGenerator g = generators[t.ordinal()];
                if (g != null) {
                    int rows = (int) (rowsBefore(t, to) - rowsBefore(t, from));
                    SourceTask task = tasks[t.ordinal()];
                    int done = 0;
                    while (done < rows) {
                        int n = g.poll(rows - done, task);
                        if (n == 0) {
                            throw new IllegalStateException("generator of " + t + " ran dry at " + g.nextEventIndex());
                        }
                        done += n;
                    }
                    task.generated += rows;
                }
            }
            sinceFlush += to - from;
            if (sinceFlush >= flushEvents) {
                pipeline.flush();
                sinceFlush = 0;
            }
        }
        pipeline.flush();
        long nanos = System.nanoTime() - t0;
        long cpu1 = processCpuNanos();
        long[] generated = new long[tables.length];
        long fed = 0;
        for (NexmarkTable t : tables) {
            SourceTask task = tasks[t.ordinal()];
            if (task != null) {
                generated[t.ordinal()] = task.generated;
                fed += task.input == null ? 0 : task.generated;
            }
        }
        return new Result(events, generated, fed, nanos, cpu0 < 0 || cpu1 < 0 ? -1 : cpu1 - cpu0);
    }

    /** CPU time of the whole JVM so far, or -1 (on a shared machine wall time alone overstates the cost). */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** The number of rows of {@code table} among event indexes {@code [0, eventIndex)} (one partition). */
    static long rowsBefore(NexmarkTable table, long eventIndex) {
        int first;
        int proportion;
        switch (table) {
            case PERSON -> {
                first = 0;
                proportion = NexmarkIds.PERSON_PROPORTION;
            }
            case AUCTION -> {
                first = NexmarkIds.PERSON_PROPORTION;
                proportion = NexmarkIds.AUCTION_PROPORTION;
            }
            default -> {
                first = NexmarkIds.PERSON_PROPORTION + NexmarkIds.AUCTION_PROPORTION;
                proportion = NexmarkIds.BID_PROPORTION;
            }
        }
        long epochs = eventIndex / NexmarkIds.PROPORTION_DENOMINATOR;
        int rest = (int) (eventIndex % NexmarkIds.PROPORTION_DENOMINATOR);
        return epochs * proportion + Math.max(0, Math.min(rest - first, proportion));
    }

    private static int dateTimeIndex(NexmarkTable table) {
        return table.schema().columns().stream().map(c -> c.name()).toList().indexOf("date_time");
    }

    /**
     * What a source task does with each generated row: appends the pseudo-columns and hands it to
     * the pipeline, or drops it when the plan does not read the table.
     */
    private static final class SourceTask implements ChangeCollector {
        private static final Integer PARTITION_0 = 0;

        final ChangeCollector input;
        private final int columns;
        private final int dateTime;
        long generated;
        /** The offset of the next row (rows of one partition are numbered from 0, as in a log). */
        private long offset;

        SourceTask(ChangeCollector input, int columns, int dateTime) {
            this.input = input;
            this.columns = columns;
            this.dateTime = dateTime;
        }

        @Override
        public void collect(RowKind kind, Object[] row) {
            if (input == null) {
                return;
            }
            Object[] r = Arrays.copyOf(row, columns + 3);
            r[columns] = row[dateTime];
            r[columns + 1] = PARTITION_0;
            r[columns + 2] = offset++;
            input.collect(kind, r);
        }
    }
}
