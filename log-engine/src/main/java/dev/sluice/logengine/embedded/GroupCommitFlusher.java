package dev.sluice.logengine.embedded;

import dev.sluice.logengine.LogClosedException;
import dev.sluice.logengine.storage.PartitionLog;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for {@code log.flush = always}: appenders write their batch, then wait here; one
 * dedicated thread repeatedly takes every waiter that arrived, fsyncs each partition involved once, and
 * completes their futures. Batches that arrive while an fsync runs are covered by the next one, so the
 * number of fsyncs per second stays near 1 / fsync latency however many writers there are.
 *
 * <pre>
 * writer A: write ─ await ──────────────┐ done
 * writer B:   write ─ await ────────────┤ done
 * flusher :        [take A,B] fsync(p) ─┘ [take C..] fsync ...
 * </pre>
 */
final class GroupCommitFlusher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitFlusher.class);

    private record Waiter(PartitionLog log, long offset, CompletableFuture<Void> future) {}

    private final Object lock = new Object();
    private List<Waiter> pending = new ArrayList<>();
    private boolean running = true;
    private final Thread thread;
    private long fsyncRounds;

    GroupCommitFlusher() {
        thread = new Thread(this::run, "sluice-log-flusher");
        thread.setDaemon(true);
        thread.start();
    }

    /** Completes once everything up to and including {@code offset} of the partition is fsynced. */
    CompletableFuture<Void> awaitFlushed(PartitionLog log, long offset) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        if (log.recoveryPoint() > offset) {
            f.complete(null);
            return f;
        }
        synchronized (lock) {
            if (!running) {
                f.completeExceptionally(new LogClosedException("the log is closed"));
                return f;
            }
            pending.add(new Waiter(log, offset, f));
            lock.notifyAll();
        }
        return f;
    }

    long fsyncRounds() {
        synchronized (lock) {
            return fsyncRounds;
        }
    }

    private void run() {
        while (true) {
            List<Waiter> batch;
            synchronized (lock) {
                while (pending.isEmpty() && running) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (pending.isEmpty()) {
                    return;
                }
                batch = pending;
                pending = new ArrayList<>();
                fsyncRounds++;
            }
            Map<PartitionLog, RuntimeException> failures = new IdentityHashMap<>();
            Map<PartitionLog, Boolean> done = new IdentityHashMap<>();
            for (Waiter w : batch) {
                if (done.putIfAbsent(w.log(), Boolean.TRUE) == null) {
                    try {
                        w.log().flush();
                    } catch (RuntimeException e) {
                        LOG.warn("group commit fsync of {} failed: {}", w.log().topicPartition(), e.toString());
                        failures.put(w.log(), e);
                    }
                }
            }
            for (Waiter w : batch) {
                RuntimeException e = failures.get(w.log());
                if (e != null) {
                    w.future().completeExceptionally(e);
                } else {
                    w.future().complete(null);
                }
            }
        }
    }

    /** Stops after flushing whatever is pending. */
    @Override
    public void close() {
        synchronized (lock) {
            running = false;
            lock.notifyAll();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
