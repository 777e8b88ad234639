package dev.sluice.server.engine;

import dev.sluice.common.Row;
import dev.sluice.common.SluiceException;
import dev.sluice.logengine.FetchResult;
import dev.sluice.logengine.IsolationLevel;
import dev.sluice.logengine.PartitionedLog;
import dev.sluice.logengine.TopicPartition;
import dev.sluice.logengine.record.Record;
import dev.sluice.pgwire.engine.RowSource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;

/**
 * An unbounded {@link RowSource} over a topic: every partition is followed from a start offset with
 * long-poll fetches, and each record becomes a row. No thread waits while nothing arrives.
 *
 * <p>Backpressure: when more than {@link #MAX_BUFFERED} rows wait for the client, the partition
 * loops pause until pg-wire drains them, so a slow client never makes the server buffer without
 * bound.
 */
final class TopicTail implements RowSource {
    static final int MAX_BUFFERED = 10_000;
    private static final Duration POLL_WAIT = Duration.ofMillis(500);

    private final PartitionedLog log;
    private final String topic;
    private final BiFunction<Integer, Record, Row> toRow;
    private final Executor executor;
    private final long limit;
    private final ConcurrentLinkedQueue<Row> buffer = new ConcurrentLinkedQueue<>();
    private final AtomicInteger buffered = new AtomicInteger();
    private final AtomicLong produced = new AtomicLong();
    private final AtomicReference<Runnable> callback = new AtomicReference<>();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private volatile boolean closed;

    /**
     * @param startOffsets where each partition starts (index = partition)
     * @param limit stop after this many rows; {@link Long#MAX_VALUE} for never
     */
    TopicTail(
            PartitionedLog log,
            String topic,
            long[] startOffsets,
            long limit,
            BiFunction<Integer, Record, Row> toRow,
            Executor executor) {
        this.log = log;
        this.topic = topic;
        this.toRow = toRow;
        this.executor = executor;
        this.limit = limit;
        for (int p = 0; p < startOffsets.length; p++) {
            int partition = p;
            long from = startOffsets[p];
            executor.execute(() -> poll(partition, from));
        }
    }

    private void poll(int partition, long from) {
        if (closed || produced.get() >= limit) {
            return;
        }
        if (buffered.get() > MAX_BUFFERED) {
            java.util.concurrent.CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS, executor)
                    .execute(() -> poll(partition, from));
            return;
        }
        try {
            log.fetchWait(new TopicPartition(topic, partition), from, 1 << 20, IsolationLevel.READ_COMMITTED, POLL_WAIT)
                    .whenCompleteAsync(
                            (result, error) -> {
                                if (error != null) {
                                    fail(error);
                                    return;
                                }
                                poll(partition, deliver(partition, from, result));
                            },
                            executor);
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    private long deliver(int partition, long from, FetchResult result) {
        if (result.isEmpty()) {
            return from;
        }
        List<Record> records = result.records(from);
        for (Record r : records) {
            if (produced.getAndIncrement() >= limit) {
                break;
            }
            buffer.add(toRow.apply(partition, r));
            buffered.incrementAndGet();
        }
        signal();
        return Math.max(from, result.nextOffset());
    }

    private void fail(Throwable error) {
        if (closed) {
            return;
        }
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause()
                : error;
        failure.compareAndSet(
                null,
                cause instanceof SluiceException se
                        ? se
                        : SluiceException.internal("reading topic " + topic + " failed: " + cause, cause));
        signal();
    }

    private void signal() {
        Runnable cb = callback.getAndSet(null);
        if (cb != null) {
            cb.run();
        }
    }

    @Override
    public Row poll() {
        Row row = buffer.poll();
        if (row != null) {
            buffered.decrementAndGet();
            return row;
        }
        RuntimeException e = failure.get();
        if (e != null) {
            throw e;
        }
        return null;
    }

    @Override
    public boolean isDone() {
        return closed || (buffer.isEmpty() && (failure.get() != null || produced.get() >= limit));
    }

    @Override
    public void whenReady(Runnable cb) {
        callback.set(cb);
        if (!buffer.isEmpty() || isDone() || failure.get() != null) {
            signal();
        }
    }

    @Override
    public void close() {
        closed = true;
        signal();
    }
}
