package dev.sluice.server.query;

import dev.sluice.common.Row;
import dev.sluice.common.RowKind;
import dev.sluice.common.SluiceException;
import dev.sluice.common.types.Column;
import dev.sluice.common.types.SqlType;
import dev.sluice.logengine.PartitionedLog;
import dev.sluice.logengine.TopicPartition;
import dev.sluice.pgwire.engine.RowSource;
import dev.sluice.planner.stream.Pipeline;
import dev.sluice.planner.stream.RowConversion;
import dev.sluice.planner.stream.StreamPlan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A transient continuous query ({@code SELECT ... EMIT CHANGES}, {@code SUBSCRIBE}): runs its plan on
 * one task and hands rows to pg-wire as a never-ending {@link RowSource}. Nothing is stored; closing it
 * (cancel, disconnect, CLOSE) stops the task.
 *
 * <p>Where it starts (SPEC §3):
 *
 * <ol>
 *   <li>Tables and views are read from the start of their changelog up to the offsets they have when
 *       the query begins ("bootstrap"): operators must know the current rows to emit correct changes.
 *       Streams start at their end, unless {@code snapshot = true}; generator sources at event 0.
 *   <li>With {@code snapshot = true} the result as of the bootstrap is emitted first, consolidated
 *       into {@code +I} rows (no intermediate changes); without it, the bootstrap's output is dropped.
 *   <li>Then every change, as it happens. Rows of the bootstrap and live rows come from the same
 *       operator state and the same offsets, so there is no gap and no duplicate between them.
 * </ol>
 *
 * <p>Backpressure: when {@link #MAX_BUFFERED} rows wait for the client, the task stops reading its
 * sources until pg-wire drains them.
 */
public final class PushQuery implements RowSource {
    static final int MAX_BUFFERED = 10_000;

    private final PartitionedLog log;
    private final StreamPlan plan;
    private final boolean snapshot;
    private final long limit;
    private final List<Column> columns;
    private final RowConversion conversion;
    private final ConcurrentLinkedQueue<Row> buffer = new ConcurrentLinkedQueue<>();
    private final AtomicInteger buffered = new AtomicInteger();
    private final AtomicReference<Runnable> callback = new AtomicReference<>();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final SourcePartitions sources;
    private final Map<TopicPartition, Long> positions;
    private final Map<TopicPartition, Long> bootstrapEnds = new HashMap<>();
    private final Object drained = new Object();
    private volatile boolean closed;
    private volatile long produced;
    private boolean live;
    private Map<List<Object>, Integer> consolidated = new LinkedHashMap<>();

    /**
     * @param limit stop after this many rows ({@code LIMIT n}); {@link Long#MAX_VALUE} for never
     */
    public PushQuery(PartitionedLog log, StreamPlan plan, boolean snapshot, long limit) {
        this.log = log;
        this.plan = plan;
        this.snapshot = snapshot;
        this.limit = limit;
        this.conversion = RowConversion.result(plan.columns());
        this.columns = columnsOf(plan);
        this.sources = new SourcePartitions(log, plan.sources());
        this.positions = sources.positions();
        bootstrapEnds.putAll(sources.startForPush(snapshot));
    }

    /** The result columns: {@code op} first unless the result is append-only (SPEC §3). */
    public static List<Column> columnsOf(StreamPlan plan) {
        if (plan.appendOnly()) {
            return plan.columns();
        }
        List<Column> out = new ArrayList<>();
        out.add(Column.notNull("op", SqlType.TEXT));
        out.addAll(plan.columns());
        return out;
    }

    public List<Column> columns() {
        return columns;
    }

    public void start(Executor executor) {
        executor.execute(this::run);
    }

    private void run() {
        try {
            Pipeline pipeline = plan.instantiate(this::emit);
            live = bootstrapDone();
            while (!closed && produced < limit) {
                int read = sources.readOnce(pipeline, () -> {
                    awaitDrained();
                    return !closed;
                });
                if (!live && bootstrapDone()) {
                    pipeline.flush();
                    goLive();
                    continue;
                }
                if (read > 0) {
                    if (live) {
                        pipeline.flush();
                    }
                    continue;
                }
                if (live) {
                    pipeline.flush();
                }
                if (sources.partitions().isEmpty()) {
                    break;
                }
                sources.awaitData(java.time.Duration.ofMillis(200));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            if (!closed) {
                failure.compareAndSet(
                        null,
                        e instanceof SluiceException se ? se : SluiceException.internal("push query failed: " + e, e));
            }
        } finally {
            closed = closed || failure.get() == null;
            signal();
        }
    }

    private boolean bootstrapDone() {
        for (TopicPartition tp : sources.partitions()) {
            if (positions.get(tp) < bootstrapEnds.get(tp)) {
                return false;
            }
        }
        return true;
    }

    private void goLive() {
        live = true;
        if (snapshot) {
            consolidated.forEach((values, count) -> {
                for (int i = 0; i < count; i++) {
                    deliver(RowKind.INSERT, values.toArray());
                }
            });
        }
        consolidated = null;
    }

    private void emit(RowKind kind, Object[] row) {
        if (!live) {
            if (snapshot) {
                List<Object> key = Arrays.asList(row.clone());
                int delta = kind == RowKind.INSERT || kind == RowKind.UPDATE_AFTER ? 1 : -1;
                consolidated.merge(key, delta, (a, b) -> a + b == 0 ? null : a + b);
            }
            return;
        }
        deliver(kind, row);
    }

    private void deliver(RowKind kind, Object[] row) {
        if (produced >= limit) {
            return;
        }
        Row values = conversion.toRow(kind, row);
        Row out;
        if (plan.appendOnly()) {
            out = values;
        } else {
            Object[] withOp = new Object[values.arity() + 1];
            withOp[0] = kind.shortString();
            for (int i = 0; i < values.arity(); i++) {
                withOp[i + 1] = values.get(i);
            }
            out = Row.of(withOp);
        }
        produced++;
        buffer.add(out);
        buffered.incrementAndGet();
        signal();
    }

    private void awaitDrained() {
        synchronized (drained) {
            while (!closed && buffered.get() >= MAX_BUFFERED) {
                try {
                    drained.wait(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    closed = true;
                }
            }
        }
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
            if (buffered.decrementAndGet() < MAX_BUFFERED / 2) {
                synchronized (drained) {
                    drained.notifyAll();
                }
            }
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
        return buffer.isEmpty() && (closed || failure.get() != null || produced >= limit);
    }

    @Override
    public void whenReady(Runnable cb) {
        callback.set(cb);
        if (!buffer.isEmpty() || isDone()) {
            signal();
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (drained) {
            drained.notifyAll();
        }
        signal();
    }
}
