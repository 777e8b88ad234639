package dev.sluice.logengine.embedded;

import dev.sluice.logengine.LogClosedException;
import dev.sluice.logengine.storage.PartitionLog;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for {@code log.flush = always}: appenders write their batch, then wait here; one
 * dedicated thread repeatedly takes every waiter that arrived, fsyncs each partition involved once, and
 * completes their futures. Batches that arrive while an fsync round runs are covered by the next one,
 * so the number of rounds per second stays near 1 / fsync latency however many writers there are.
 *
 * <p>One round covers every partition it involves at the cost of about one fsync: the partitions'
 * fsyncs run in parallel (up to {@value #PARALLEL_FSYNCS} at once, the flusher thread doing one of them
 * itself). Run one after another, a round over 4 partitions took 4 fsync latencies, and every waiter
 * paid for all of them. Parallel fsyncs of several files also let the file system fold them into one
 * journal commit (ext4's jbd2 does).
 *
 * <pre>
 * writer A (p0): write ─ await ────────────────┐ done
 * writer B (p1):   write ─ await ──────────────┤ done
 * flusher      :        [take A,B] fsync(p0) ──┤ [take C..] fsync ...
 * fsync pool   :                   fsync(p1) ──┘
 * </pre>
 */
final class GroupCommitFlusher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitFlusher.class);
    static final int PARALLEL_FSYNCS = 8;

    private record Waiter(PartitionLog log, long offset, CompletableFuture<Void> future) {}

    private final Object lock = new Object();
    private List<Waiter> pending = new ArrayList<>();
    private boolean running = true;
    private final Thread thread;
    private final ExecutorService fsyncPool;
    private long fsyncRounds;

    GroupCommitFlusher() {
        AtomicInteger n = new AtomicInteger();
        fsyncPool = Executors.newFixedThreadPool(PARALLEL_FSYNCS - 1, r -> {
            Thread t = new Thread(r, "sluice-log-fsync-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
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
            Map<PartitionLog, RuntimeException> failures = fsyncAll(batch);
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

    /**
     * fsyncs each partition of the round once, in parallel: the last one on this thread, the others on
     * the pool. Returns the partitions whose fsync failed (their waiters fail; the others succeed).
     */
    private Map<PartitionLog, RuntimeException> fsyncAll(List<Waiter> round) {
        Map<PartitionLog, Boolean> distinct = new IdentityHashMap<>();
        for (Waiter w : round) {
            distinct.put(w.log(), Boolean.TRUE);
        }
        List<PartitionLog> logs = new ArrayList<>(distinct.keySet());
        Map<PartitionLog, RuntimeException> failures = new ConcurrentHashMap<>();
        List<Future<?>> running = new ArrayList<>(logs.size() - 1);
        for (int i = 0; i < logs.size() - 1; i++) {
            PartitionLog log = logs.get(i);
            try {
                running.add(fsyncPool.submit(() -> fsync(log, failures)));
            } catch (RejectedExecutionException e) {
                fsync(log, failures); // closing: do it here
            }
        }
        fsync(logs.get(logs.size() - 1), failures);
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                LOG.warn("group commit fsync task failed: {}", e.getCause().toString());
            }
        }
        return failures; // PartitionLog has identity equality
    }

    private static void fsync(PartitionLog log, Map<PartitionLog, RuntimeException> failures) {
        try {
            log.flush();
        } catch (RuntimeException e) {
            LOG.warn("group commit fsync of {} failed: {}", log.topicPartition(), e.toString());
            failures.put(log, e);
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
        fsyncPool.shutdown();
    }
}
