package dev.sluice.server.query;

import dev.sluice.executor.stream.ChangeCollector;
import dev.sluice.logengine.FetchResult;
import dev.sluice.logengine.IsolationLevel;
import dev.sluice.logengine.PartitionedLog;
import dev.sluice.logengine.TopicPartition;
import dev.sluice.logengine.record.Record;
import dev.sluice.planner.catalog.Relation;
import dev.sluice.planner.stream.Pipeline;
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
 * Every partition of a continuous query's sources, with the next offset to read in each: one
 * committed-only fetch per partition into the pipeline ({@link #readOnce}), and an event-driven wait
 * for any of them to get data ({@link #awaitData}). Shared by persistent and push queries; driven by
 * one task, while {@link #positions()} may be read from other threads.
 */
final class SourcePartitions {
    private static final int FETCH_BYTES = 1 << 20;

    private final PartitionedLog log;
    private final List<SourceReader> readers = new ArrayList<>();
    private final List<TopicPartition> partitions = new ArrayList<>();
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> ends = new ConcurrentHashMap<>();

    SourcePartitions(PartitionedLog log, List<Relation> sources) {
        this.log = log;
        for (Relation source : sources) {
            readers.add(new SourceReader(source));
            for (int p = 0; p < source.topicSettings().partitions(); p++) {
                partitions.add(new TopicPartition(source.topic(), p));
            }
        }
    }

    List<TopicPartition> partitions() {
        return partitions;
    }

    /** The next offset to read per partition (absent: the partition's start). */
    Map<TopicPartition, Long> positions() {
        return positions;
    }

    /** The last stable offset each partition had at its latest fetch. */
    Map<TopicPartition, Long> ends() {
        return ends;
    }

    /**
     * One fetch per partition, each record fed to the pipeline's input for its relation.
     *
     * @param beforeFetch runs before each fetch and returns false to stop early (backpressure,
     *     closing); null to read every partition
     * @return the number of records fed
     */
    int readOnce(Pipeline pipeline, java.util.function.BooleanSupplier beforeFetch) {
        int read = 0;
        int index = 0;
        for (SourceReader reader : readers) {
            Relation source = reader.relation();
            ChangeCollector input = pipeline.input(source.oid());
            for (int p = 0; p < source.topicSettings().partitions(); p++) {
                TopicPartition tp = partitions.get(index++);
                if (beforeFetch != null && !beforeFetch.getAsBoolean()) {
                    return read;
                }
                long from = positions.getOrDefault(tp, 0L);
                FetchResult result = log.fetch(tp, from, FETCH_BYTES, IsolationLevel.READ_COMMITTED);
                from = Math.max(from, result.logStartOffset());
                ends.put(tp, result.lastStableOffset());
                for (Record r : result.records(from)) {
                    reader.feed(r, p, input);
                    read++;
                }
                positions.put(tp, Math.max(from, result.nextOffset()));
            }
        }
        return read;
    }

    /**
     * Waits until some partition has data past its position, or {@code wait} passes. No thread spins:
     * the log completes the long polls on append. A partition that vanished (its relation is being
     * dropped) ends the wait too; the next read reports it.
     */
    void awaitData(Duration wait) throws InterruptedException {
        List<CompletableFuture<FetchResult>> waits = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            waits.add(log.fetchWait(tp, positions.getOrDefault(tp, 0L), 1, IsolationLevel.READ_COMMITTED, wait));
        }
        try {
            CompletableFuture.anyOf(waits.toArray(new CompletableFuture[0]))
                    .get(wait.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // Nothing arrived in time, or a partition is gone: the caller reads again either way.
        }
    }
}
