package dev.sluice.server.engine;

import dev.sluice.common.SluiceException;
import dev.sluice.common.SqlState;
import dev.sluice.executor.state.ChangelogMaterializer;
import dev.sluice.pgwire.engine.ExecutionContext;
import dev.sluice.pgwire.engine.SessionInfo;
import dev.sluice.planner.pgcatalog.SessionContext;
import dev.sluice.planner.pgcatalog.SystemInfo;
import dev.sluice.server.catalog.ActiveSessions;
import dev.sluice.server.catalog.EngineSessionContext;
import dev.sluice.server.storage.Storage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What one session remembers between statements: who it is, and how far its own writes went, so
 * that its next pull query waits for them (read your writes, SPEC §4.3).
 */
final class SessionState {
    static final Duration READ_YOUR_WRITES_TIMEOUT = Duration.ofSeconds(5);

    private final SessionInfo info;
    private final Storage storage;
    private final Map<Long, Map<Integer, Long>> writes = new HashMap<>();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final DeferredWrites deferredWrites = new DeferredWrites();

    private final SystemInfo system;
    private final ActiveSessions.Entry activity;

    SessionState(SessionInfo info, Storage storage) {
        this(info, storage, SystemInfo.NONE, null);
    }

    SessionState(SessionInfo info, Storage storage, SystemInfo system, ActiveSessions.Entry activity) {
        this.info = info;
        this.storage = storage;
        this.system = system;
        this.activity = activity;
    }

    private volatile String searchPathSetting;

    /** The session's {@code search_path} as of its last statement, or null before the first. */
    String searchPathSetting() {
        return searchPathSetting;
    }

    void searchPathSetting(String value) {
        this.searchPathSetting = value;
    }

    /** This session's line in {@code pg_stat_activity}, or null when not tracked. */
    ActiveSessions.Entry activity() {
        return activity;
    }

    /** What catalog functions and system tables see of this session while {@code context} runs. */
    SessionContext catalogSession(ExecutionContext context) {
        return new EngineSessionContext(info, context, system, SessionPlans.DEFAULTS);
    }

    SessionInfo info() {
        return info;
    }

    Storage storage() {
        return storage;
    }

    /** INSERT rows acknowledged inside a pipeline, written at its end. */
    DeferredWrites deferredWrites() {
        return deferredWrites;
    }

    /** The flag the running statement checks; set by a CancelRequest. */
    AtomicBoolean cancelFlag() {
        return cancelled;
    }

    synchronized void recordWrite(long oid, Map<Integer, Long> nextOffsets) {
        Map<Integer, Long> known = writes.computeIfAbsent(oid, k -> new HashMap<>());
        nextOffsets.forEach((p, o) -> known.merge(p, o, Math::max));
    }

    /**
     * Waits until every table this session wrote to has materialized those writes. Bounded: a
     * timeout is an error, never a stale answer.
     */
    void awaitOwnWrites() {
        awaitOwnWrites(true);
    }

    /**
     * @param throughViews also wait for the views derived from the written relations; an UPDATE or
     *     DELETE reads only its own table, so it need not wait for them
     */
    void awaitOwnWrites(boolean throughViews) {
        List<CompletableFuture<Void>> waits = new ArrayList<>();
        Map<Long, Map<Integer, Long>> written = new HashMap<>();
        synchronized (this) {
            writes.forEach((oid, offsets) -> written.put(oid, Map.copyOf(offsets)));
            for (var e : writes.entrySet()) {
                var materializer = storage.materializer(e.getKey());
                if (materializer.isEmpty()) {
                    continue;
                }
                ChangelogMaterializer m = materializer.get();
                e.getValue().forEach((p, o) -> waits.add(m.awaitApplied(p, o)));
            }
        }
        if (written.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        try {
            CompletableFuture.allOf(waits.toArray(new CompletableFuture[0]))
                    .get(READ_YOUR_WRITES_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            // Then the views derived from what was written (read your writes through queries).
            if (throughViews) {
                storage.queries()
                        .awaitDerived(written, READ_YOUR_WRITES_TIMEOUT.minusNanos(System.nanoTime() - started));
            }
        } catch (TimeoutException e) {
            throw new SluiceException(
                    SqlState.QUERY_CANCELED,
                    "timed out after " + READ_YOUR_WRITES_TIMEOUT.toSeconds()
                            + " s waiting for this session's writes to become visible",
                    null,
                    "the server is overloaded; retry the query",
                    0,
                    null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SluiceException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
        } catch (ExecutionException | java.util.concurrent.CancellationException e) {
            // The table was dropped meanwhile: nothing left to wait for.
        }
    }
}
