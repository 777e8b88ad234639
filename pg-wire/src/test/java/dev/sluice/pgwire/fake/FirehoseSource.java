package dev.sluice.pgwire.fake;

import dev.sluice.common.Row;
import dev.sluice.pgwire.engine.RowSource;
import java.util.concurrent.atomic.AtomicInteger;

/** An endless push query that always has a row ready: only socket backpressure can slow it. */
final class FirehoseSource implements RowSource {
    private static final String PAYLOAD = "x".repeat(100);
    private final AtomicInteger openSources;
    private final java.util.concurrent.atomic.AtomicLong produced;
    private volatile boolean closed;
    private long next;

    FirehoseSource(AtomicInteger openSources, java.util.concurrent.atomic.AtomicLong produced) {
        this.openSources = openSources;
        this.produced = produced;
        openSources.incrementAndGet();
    }

    @Override
    public Row poll() {
        if (closed) {
            return null;
        }
        produced.incrementAndGet();
        return Row.of("+I", next++, PAYLOAD);
    }

    @Override
    public boolean isDone() {
        return closed;
    }

    @Override
    public void whenReady(Runnable callback) {
        callback.run();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            openSources.decrementAndGet();
        }
    }
}
