package dev.sluice.pgwire.fake;

import dev.sluice.common.Row;
import dev.sluice.pgwire.engine.Engine;
import dev.sluice.pgwire.engine.EngineSession;
import dev.sluice.pgwire.engine.SessionInfo;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A tiny engine for protocol tests: in-memory tables of {@code (id INT, name TEXT)} and a handful
 * of regex-recognised statements (see {@link FakeSession}). It is not SQL; it exists to drive every
 * protocol path.
 */
public final class FakeEngine implements Engine, AutoCloseable {
    final Map<String, List<Row>> tables = new ConcurrentHashMap<>();
    final ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, r -> {
        Thread t = new Thread(r, "fake-engine-timer");
        t.setDaemon(true);
        return t;
    });
    /** Push-query sources not yet closed: proves cancel/disconnect release them. */
    public final AtomicInteger openSources = new AtomicInteger();

    public final AtomicInteger openSessions = new AtomicInteger();
    public final AtomicLong copiedRows = new AtomicLong();
    /** Rows the endless firehose handed to pg-wire: shows backpressure at work. */
    public final AtomicLong firehoseRows = new AtomicLong();

    public final AtomicInteger copyBatches = new AtomicInteger();
    public final AtomicInteger cancels = new AtomicInteger();
    /** Rows per completion of deferred INSERTs (one entry per pipeline that had any). */
    public final List<Integer> deferredWrites = new java.util.concurrent.CopyOnWriteArrayList<>();

    volatile long tickMillis = 5;

    public List<Row> table(String name) {
        return tables.computeIfAbsent(name, k -> new CopyOnWriteArrayList<>());
    }

    @Override
    public EngineSession openSession(SessionInfo info) {
        openSessions.incrementAndGet();
        return new FakeSession(this, info);
    }

    @Override
    public void close() {
        timers.shutdownNow();
    }
}
