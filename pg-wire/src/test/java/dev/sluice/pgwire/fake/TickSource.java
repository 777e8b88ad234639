package dev.sluice.pgwire.fake;

import dev.sluice.common.Row;
import dev.sluice.pgwire.engine.RowSource;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** An endless push query: one {@code (+I, n)} row every {@code periodMillis}, produced on a timer thread. */
final class TickSource implements RowSource {
    private final Queue<Row> ready = new ConcurrentLinkedQueue<>();
    private final AtomicReference<Runnable> callback = new AtomicReference<>();
    private final AtomicLong next = new AtomicLong();
    private final ScheduledFuture<?> timer;
    private final AtomicInteger openSources;
    private volatile boolean closed;

    TickSource(ScheduledExecutorService timers, long periodMillis, AtomicInteger openSources) {
        this.openSources = openSources;
        openSources.incrementAndGet();
        this.timer = timers.scheduleAtFixedRate(this::tick, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        if (closed || ready.size() > 10_000) {
            return; // bounded: a slow consumer makes the "engine" skip, not grow
        }
        ready.add(Row.of("+I", next.getAndIncrement()));
        Runnable cb = callback.getAndSet(null);
        if (cb != null) {
            cb.run();
        }
    }

    @Override
    public Row poll() {
        return closed ? null : ready.poll();
    }

    @Override
    public boolean isDone() {
        return closed;
    }

    @Override
    public void whenReady(Runnable cb) {
        callback.set(cb);
        if (!ready.isEmpty() || closed) {
            Runnable again = callback.getAndSet(null);
            if (again != null) {
                again.run();
            }
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            timer.cancel(false);
            openSources.decrementAndGet();
        }
    }
}
