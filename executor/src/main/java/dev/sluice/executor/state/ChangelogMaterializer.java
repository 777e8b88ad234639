package dev.sluice.executor.state;

import dev.sluice.logengine.FetchResult;
import dev.sluice.logengine.IsolationLevel;
import dev.sluice.logengine.LogClosedException;
import dev.sluice.logengine.OffsetOutOfRangeException;
import dev.sluice.logengine.PartitionedLog;
import dev.sluice.logengine.TopicPartition;
import dev.sluice.logengine.record.Record;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLongArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link TableState} equal to the latest row per key of a changelog topic.
 *
 * <p>Each partition runs an asynchronous loop: long-poll fetch from the next offset (no thread
 * waits while nothing arrives), turn records into upserts (a record with a value) and deletes (a
 * tombstone), apply them with the new progress in one write, repeat. {@link #awaitApplied} lets a
 * reader wait until a given write is visible (read-your-writes).
 */
public final class ChangelogMaterializer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChangelogMaterializer.class);
    private static final int FETCH_BYTES = 1 << 20;
    private static final Duration POLL_WAIT = Duration.ofMillis(500);

    private final PartitionedLog log;
    private final String topic;
    private final TableState state;
    private final Executor executor;
    private final AtomicLongArray applied;
    private final List<ConcurrentSkipListMap<Long, List<CompletableFuture<Void>>>> waiters = new ArrayList<>();
    private volatile boolean closed;

    public ChangelogMaterializer(
            PartitionedLog log, String topic, int partitions, TableState state, Executor executor) {
        this.log = log;
        this.topic = topic;
        this.state = state;
        this.executor = executor;
        this.applied = new AtomicLongArray(partitions);
        for (int p = 0; p < partitions; p++) {
            waiters.add(new ConcurrentSkipListMap<>());
        }
    }

    /** Starts every partition's loop from where the state says it stopped. */
    public void start() {
        Map<Integer, Long> progress = state.progress();
        for (int p = 0; p < applied.length(); p++) {
            long from = progress.getOrDefault(p, 0L);
            applied.set(p, from);
            int partition = p;
            executor.execute(() -> poll(partition, from));
        }
    }

    /** The next offset this partition will apply: everything below it is visible in the state. */
    public long appliedOffset(int partition) {
        return applied.get(partition);
    }

    /** Completes once every record of {@code partition} below {@code offset} (exclusive) is applied. */
    public CompletableFuture<Void> awaitApplied(int partition, long offset) {
        if (applied.get(partition) >= offset) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> f = new CompletableFuture<>();
        waiters.get(partition)
                .computeIfAbsent(offset, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                .add(f);
        // Re-check: the partition may have moved on between the first check and the registration.
        if (applied.get(partition) >= offset) {
            release(partition);
        }
        return f;
    }

    private void poll(int partition, long from) {
        if (closed) {
            return;
        }
        TopicPartition tp = new TopicPartition(topic, partition);
        CompletableFuture<FetchResult> fetch;
        try {
            fetch = log.fetchWait(tp, from, FETCH_BYTES, IsolationLevel.READ_COMMITTED, POLL_WAIT);
        } catch (OffsetOutOfRangeException e) {
            long start = log.describeTopic(topic)
                    .map(d -> d.partitions().get(partition).logStartOffset())
                    .orElse(from);
            LOG.warn("{}: offset {} is out of range, continuing from the log start {}", tp, from, start);
            executor.execute(() -> poll(partition, Math.max(start, from)));
            return;
        } catch (RuntimeException e) {
            failed(tp, partition, from, e);
            return;
        }
        fetch.whenCompleteAsync(
                (result, error) -> {
                    if (error != null) {
                        failed(tp, partition, from, error);
                        return;
                    }
                    long next;
                    try {
                        next = apply(partition, from, result);
                    } catch (RuntimeException e) {
                        failed(tp, partition, from, e);
                        return;
                    }
                    poll(partition, next);
                },
                executor);
    }

    /**
     * Applies a fetch result. Synchronized with {@link #close()}: once close returns, nothing is
     * applied any more, so the caller may drop the state (DROP TABLE) right after.
     */
    private synchronized long apply(int partition, long from, FetchResult result) {
        if (closed || result.isEmpty()) {
            return from;
        }
        List<Record> records = result.records(from);
        List<TableState.Change> changes = new ArrayList<>(records.size());
        for (Record r : records) {
            byte[] key = r.keyBytes();
            if (key == null) {
                continue; // a changelog record always has a key; nothing to apply otherwise
            }
            changes.add(new TableState.Change(
                    key,
                    r.isTombstone() ? null : new StoredValue(r.timestamp(), partition, r.offset(), r.valueBytes())));
        }
        long next = Math.max(from, result.nextOffset());
        state.apply(changes, partition, next);
        applied.set(partition, next);
        release(partition);
        return next;
    }

    private void release(int partition) {
        long upTo = applied.get(partition);
        var head = waiters.get(partition).headMap(upTo, true);
        head.values().forEach(list -> list.forEach(f -> f.complete(null)));
        head.clear();
    }

    private void failed(TopicPartition tp, int partition, long from, Throwable error) {
        if (closed || error instanceof LogClosedException || error.getCause() instanceof LogClosedException) {
            return;
        }
        LOG.warn("{}: materializing failed at offset {} ({}); retrying in 1 s", tp, from, error.toString());
        CompletableFuture.delayedExecutor(1, java.util.concurrent.TimeUnit.SECONDS, executor)
                .execute(() -> poll(partition, from));
    }

    /** Stops the loops; a fetch in flight ends within the poll wait and is not followed by another. */
    @Override
    public synchronized void close() {
        closed = true;
        for (var w : waiters) {
            w.values().forEach(list -> list.forEach(f -> f.cancel(false)));
            w.clear();
        }
    }
}
