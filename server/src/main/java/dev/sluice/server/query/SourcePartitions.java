package dev.sluice.server.query;

import dev.sluice.common.RowKind;
import dev.sluice.executor.nexmark.NexmarkGenerator;
import dev.sluice.executor.stream.ChangeCollector;
import dev.sluice.executor.stream.ValueCodec;
import dev.sluice.logengine.FetchResult;
import dev.sluice.logengine.IsolationLevel;
import dev.sluice.logengine.PartitionedLog;
import dev.sluice.logengine.TopicPartition;
import dev.sluice.logengine.record.Record;
import dev.sluice.planner.catalog.Relation;
import dev.sluice.planner.catalog.RelationKind;
import dev.sluice.planner.stream.Pipeline;
import dev.sluice.server.connector.NexmarkSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Every partition of a continuous query's sources, with the next offset to read in each: one read per
 * partition into the pipeline ({@link #readOnce}), and an event-driven wait for any of them to get
 * data ({@link #awaitData}). Shared by persistent and push queries; driven by one task, while {@link
 * #positions()} may be read from other threads.
 *
 * <p>Streams, tables and views are read from their topics with committed-only fetches; the offset is
 * the log offset. A {@code SOURCE} is read by running its generator; the offset is the generator's
 * event index, and the partition is named {@code source:<oid>} in the positions (it has no topic).
 */
final class SourcePartitions {
    private static final int FETCH_BYTES = 1 << 20;
    /** Rows one read takes from one generator partition before moving to the next partition. */
    private static final int GENERATOR_BATCH = 4096;

    private final PartitionedLog log;
    private final List<Input> inputs = new ArrayList<>();
    /** Every partition of every source, in order; a task reads those it {@link #owned owns}. */
    private final List<TopicPartition> all = new ArrayList<>();

    private final boolean[] owned;

    private final List<TopicPartition> partitions = new ArrayList<>();
    private final List<TopicPartition> logPartitions = new ArrayList<>();
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> ends = new ConcurrentHashMap<>();

    SourcePartitions(PartitionedLog log, List<Relation> sources) {
        this(log, sources, 0, 1);
    }

    /**
     * The partitions one task of a query reads: of all the sources' partitions in order, every
     * {@code tasks}-th starting at {@code task}.
     */
    SourcePartitions(PartitionedLog log, List<Relation> sources, int task, int tasks) {
        this.log = log;
        for (Relation source : sources) {
            inputs.add(source.kind() == RelationKind.SOURCE ? new GeneratorInput(source) : new LogInput(source));
            for (int p = 0; p < source.topicSettings().partitions(); p++) {
                all.add(partitionOf(source, p));
            }
        }
        this.owned = own(task, tasks);
    }

    /**
     * Partition {@code part} of a query's repartition topic (of {@code partitions}), whose rows enter
     * the pipeline at {@link Pipeline#EXCHANGE_INPUT}: what one task above an exchange reads.
     */
    static SourcePartitions exchange(PartitionedLog log, String topic, int partitions, int part) {
        return new SourcePartitions(log, topic, partitions, part);
    }

    private SourcePartitions(PartitionedLog log, String topic, int partitions, int part) {
        this.log = log;
        inputs.add(new ExchangeInput(partitions));
        for (int p = 0; p < partitions; p++) {
            all.add(new TopicPartition(topic, p));
        }
        this.owned = own(part, partitions);
    }

    private boolean[] own(int task, int tasks) {
        boolean[] owned = new boolean[all.size()];
        int index = 0;
        for (Input input : inputs) {
            for (int p = 0; p < input.partitions; p++, index++) {
                if (index % tasks == task) {
                    owned[index] = true;
                    partitions.add(all.get(index));
                    if (!(input instanceof GeneratorInput)) {
                        logPartitions.add(all.get(index));
                    }
                }
            }
        }
        return owned;
    }

    /** The number of partitions of the given sources together. */
    static int count(List<Relation> sources) {
        return sources.stream().mapToInt(r -> r.topicSettings().partitions()).sum();
    }

    /** How positions name a partition: the topic's, or {@code source:<oid>} for a generator. */
    static TopicPartition partitionOf(Relation source, int partition) {
        return source.kind().hasTopic()
                ? new TopicPartition(source.topic(), partition)
                : new TopicPartition("source:" + source.oid(), partition);
    }

    List<TopicPartition> partitions() {
        return partitions;
    }

    /** The next offset to read per partition (absent: the partition's start). */
    Map<TopicPartition, Long> positions() {
        return positions;
    }

    /** The offset each partition could be read to at its latest read (its last stable offset). */
    Map<TopicPartition, Long> ends() {
        return ends;
    }

    /**
     * Where a push query starts in each partition, and where its bootstrap (the silent catch-up that
     * gives operators the current rows) ends: topics of tables and views, and every topic when {@code
     * fromStart}, are read from their start; streams from their end. Generators start at event 0 and
     * have no bootstrap: a generator has no "now", every row it makes is new.
     *
     * @return the bootstrap end per partition
     */
    Map<TopicPartition, Long> startForPush(boolean fromStart) {
        Map<TopicPartition, Long> bootstrapEnds = new java.util.HashMap<>();
        int index = 0;
        for (Input input : inputs) {
            Relation source = input.relation;
            for (int p = 0; p < input.partitions; p++) {
                TopicPartition tp = all.get(index++);
                if (input instanceof LogInput) {
                    FetchResult probe = log.fetch(tp, 0, 1, IsolationLevel.READ_COMMITTED);
                    long end = probe.lastStableOffset();
                    positions.put(tp, fromStart || source.kind().isKeyed() ? probe.logStartOffset() : end);
                    bootstrapEnds.put(tp, end);
                } else {
                    positions.put(tp, 0L);
                    bootstrapEnds.put(tp, 0L);
                }
            }
        }
        return bootstrapEnds;
    }

    /**
     * One read per partition, each row fed to the pipeline's input for its relation.
     *
     * @param beforeFetch runs before each read and returns false to stop early (backpressure,
     *     closing); null to read every partition
     * @return the number of rows fed
     */
    int readOnce(Pipeline pipeline, java.util.function.BooleanSupplier beforeFetch) {
        int read = 0;
        int index = 0;
        for (Input input : inputs) {
            ChangeCollector into = pipeline.input(input.oid);
            for (int p = 0; p < input.partitions; p++) {
                if (!owned[index]) {
                    index++;
                    continue;
                }
                TopicPartition tp = all.get(index++);
                if (beforeFetch != null && !beforeFetch.getAsBoolean()) {
                    return read;
                }
                read += input.read(tp, p, into);
            }
        }
        return read;
    }

    /**
     * Waits until some partition has data past its position, or {@code wait} passes (see {@link
     * #whenData}).
     */
    void awaitData(Duration wait) throws InterruptedException {
        try {
            whenData(wait).get(Math.max(1, wait.toMillis() * 2), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // Nothing arrived in time, or a partition is gone: the caller reads again either way.
        }
    }

    /**
     * Completes when some partition has data past its position, or when {@code wait} has passed. No
     * thread waits for it: the log completes its long polls on append; a generator that is not
     * exhausted has data at once (or when its rate limit allows). A partition that vanished (its
     * relation is being dropped) completes it too; the next read reports it. Never completes
     * exceptionally.
     */
    CompletableFuture<Void> whenData(Duration wait) {
        long generatorWaitNanos = Long.MAX_VALUE;
        int index = 0;
        for (Input input : inputs) {
            for (int p = 0; p < input.partitions; p++) {
                if (!owned[index]) {
                    index++;
                    continue;
                }
                TopicPartition tp = all.get(index++);
                if (input instanceof GeneratorInput g) {
                    generatorWaitNanos = Math.min(generatorWaitNanos, g.nanosUntilReady(tp, p));
                }
            }
        }
        if (generatorWaitNanos <= 0) {
            return CompletableFuture.completedFuture(null);
        }
        long waitNanos = Math.max(1, Math.min(wait.toNanos(), generatorWaitNanos));
        if (logPartitions.isEmpty()) {
            return CompletableFuture.runAsync(
                    () -> {}, CompletableFuture.delayedExecutor(waitNanos, TimeUnit.NANOSECONDS));
        }
        Duration bounded = Duration.ofNanos(waitNanos);
        List<CompletableFuture<FetchResult>> waits = new ArrayList<>();
        for (TopicPartition tp : logPartitions) {
            waits.add(log.fetchWait(tp, positions.getOrDefault(tp, 0L), 1, IsolationLevel.READ_COMMITTED, bounded));
        }
        // The log completes each wait by its deadline; the timeout below only guards against a wait
        // that never completes (a partition deleted while it waited).
        return CompletableFuture.anyOf(waits.toArray(new CompletableFuture[0]))
                .completeOnTimeout(null, Math.max(1, bounded.toMillis() * 2), TimeUnit.MILLISECONDS)
                .handle((r, e) -> (Void) null);
    }

    private abstract static class Input {
        /** The relation read; null for a repartition topic. */
        final Relation relation;
        /** Where its rows enter the pipeline: the relation's oid, or {@link Pipeline#EXCHANGE_INPUT}. */
        final long oid;

        final int partitions;

        Input(Relation relation) {
            this.relation = relation;
            this.oid = relation.oid();
            this.partitions = relation.topicSettings().partitions();
        }

        Input(int partitions) {
            this.relation = null;
            this.oid = Pipeline.EXCHANGE_INPUT;
            this.partitions = partitions;
        }

        abstract int read(TopicPartition tp, int partition, ChangeCollector into);
    }

    /** A topic read with committed-only fetches; the offset is the log offset. */
    private abstract class TopicInput extends Input {
        TopicInput(Relation relation) {
            super(relation);
        }

        TopicInput(int partitions) {
            super(partitions);
        }

        @Override
        final int read(TopicPartition tp, int partition, ChangeCollector into) {
            long from = positions.getOrDefault(tp, 0L);
            FetchResult result = log.fetch(tp, from, FETCH_BYTES, IsolationLevel.READ_COMMITTED);
            from = Math.max(from, result.logStartOffset());
            ends.put(tp, result.lastStableOffset());
            int read = 0;
            for (Record r : result.records(from)) {
                feed(r, partition, into);
                read++;
            }
            positions.put(tp, Math.max(from, result.nextOffset()));
            return read;
        }

        abstract void feed(Record r, int partition, ChangeCollector into);
    }

    /** A stream's, table's or view's topic. */
    private final class LogInput extends TopicInput {
        private final SourceReader reader;

        LogInput(Relation relation) {
            super(relation);
            this.reader = new SourceReader(relation);
        }

        @Override
        void feed(Record r, int partition, ChangeCollector into) {
            reader.feed(r, partition, into);
        }
    }

    /**
     * A repartition topic written by the tasks below an exchange ({@link ExchangeSink}): the change kind
     * is the record's attributes byte, the row its value.
     */
    private final class ExchangeInput extends TopicInput {
        ExchangeInput(int partitions) {
            super(partitions);
        }

        @Override
        void feed(Record r, int partition, ChangeCollector into) {
            into.collect(RowKind.fromByteValue(r.changeKind()), ValueCodec.decodeRow(r.valueBytes()));
        }
    }

    /**
     * A generator source: one generator per partition, positioned at the saved event index before
     * each read (a restore or a push query's start may have moved it). With a rate limit, a partition
     * may generate up to {@code rate / partitions} events per second since the reader started.
     */
    private final class GeneratorInput extends Input {
        private final NexmarkSource source;
        private final NexmarkGenerator[] generators;
        private final long[] startIndex;
        private final long startNanos = System.nanoTime();

        GeneratorInput(Relation relation) {
            super(relation);
            this.source = NexmarkSource.of(relation.properties());
            int n = relation.topicSettings().partitions();
            this.generators = new NexmarkGenerator[n];
            this.startIndex = new long[n];
            for (int p = 0; p < n; p++) {
                generators[p] = source.generator(p);
                startIndex[p] = -1;
            }
        }

        @Override
        int read(TopicPartition tp, int partition, ChangeCollector into) {
            NexmarkGenerator g = generators[partition];
            long at = positions.getOrDefault(tp, 0L);
            if (g.nextEventIndex() != at) {
                g.seek(at);
            }
            if (startIndex[partition] < 0) {
                startIndex[partition] = g.nextEventIndex();
            }
            int read;
            if (source.eventsPerSecond() == 0) {
                read = g.poll(GENERATOR_BATCH, into);
            } else {
                long allowed = allowedIndex(partition);
                read = 0;
                while (read < GENERATOR_BATCH && !g.isExhausted() && g.nextEventIndex() < allowed) {
                    read += g.poll(1, into);
                }
            }
            positions.put(tp, g.nextEventIndex());
            ends.put(tp, end(partition, g.nextEventIndex()));
            return read;
        }

        /** The first event index the rate limit does not yet allow this partition to generate. */
        private long allowedIndex(int partition) {
            long elapsed = System.nanoTime() - startNanos;
            double events = elapsed / 1e9 * source.eventsPerSecond();
            return startIndex[partition] + (long) events + 1;
        }

        /** 0 when the partition can generate now; else how long until it can (MAX: never). */
        long nanosUntilReady(TopicPartition tp, int partition) {
            NexmarkGenerator g = generators[partition];
            long at = positions.getOrDefault(tp, 0L);
            if (g.nextEventIndex() != at) {
                g.seek(at);
            }
            if (g.isExhausted()) {
                return Long.MAX_VALUE;
            }
            if (source.eventsPerSecond() == 0 || startIndex[partition] < 0) {
                return 0;
            }
            long ahead = g.nextEventIndex() - allowedIndex(partition);
            if (ahead < 0) {
                return 0;
            }
            return (long) ((ahead + 1) * 1e9 / source.eventsPerSecond());
        }

        /**
         * The position plus the events the partition has left (so "end - position" is its lag in
         * events): every {@code partitions}-th event index below the event count belongs to it.
         */
        private long end(int partition, long position) {
            long events = source.config().events();
            if (events == 0 || position >= events) {
                return position;
            }
            int n = generators.length;
            return position + (events - position + n - 1) / n;
        }
    }
}
