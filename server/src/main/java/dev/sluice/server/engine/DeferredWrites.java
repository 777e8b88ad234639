package dev.sluice.server.engine;

import dev.sluice.common.Row;
import dev.sluice.common.SluiceException;
import dev.sluice.pgwire.engine.DeferredWriteException;
import dev.sluice.planner.catalog.Relation;
import java.util.ArrayList;
import java.util.List;

/**
 * The INSERT rows of an extended-protocol pipeline that are acknowledged but not yet written (see
 * {@link dev.sluice.pgwire.engine.ExecutionContext#mayDeferWrites}): a JDBC batch of 1,000
 * single-row INSERTs becomes one append (one log batch, or one transaction when the rows span
 * partitions) instead of 1,000. Rows are already checked (types, NOT NULL) when they get here.
 *
 * <ol>
 *   <li>{@link #add} collects rows for one relation; rows for another relation, or more than
 *       {@link #MAX_ROWS}, write what is collected first.
 *   <li>{@link #complete} writes them (and waits until durable) before the client can see their
 *       CommandComplete — pg-wire calls it at Sync, Flush, before an error and before large output
 *       goes out — and before any statement that does not defer, so reads see them.
 *   <li>{@link #discard} at disconnect: rows whose acknowledgement never reached the client.
 * </ol>
 *
 * Used by the session's one worker thread at a time.
 */
final class DeferredWrites {
    static final int MAX_ROWS = 8192;

    /** Writes rows to a relation and waits until they are durable. */
    interface Writer {
        void write(Relation relation, List<Row> rows);
    }

    private Relation relation;
    private Writer writer;
    private List<Row> rows = new ArrayList<>();
    private long completions;

    void add(Relation target, List<Row> newRows, Writer w) {
        if (relation != null && relation.oid() != target.oid()) {
            complete();
        }
        relation = target;
        writer = w;
        rows.addAll(newRows);
        if (rows.size() >= MAX_ROWS) {
            complete();
        }
    }

    boolean isEmpty() {
        return relation == null;
    }

    /**
     * Writes what is pending; the rows are gone from here even if the write fails, which throws a
     * {@link DeferredWriteException} (pg-wire then takes back their acknowledgements).
     */
    void complete() {
        if (relation == null) {
            return;
        }
        Relation r = relation;
        List<Row> out = rows;
        Writer w = writer;
        relation = null;
        writer = null;
        rows = new ArrayList<>();
        try {
            w.write(r, out);
            completions++;
        } catch (DeferredWriteException e) {
            throw e;
        } catch (SluiceException e) {
            throw new DeferredWriteException(e);
        } catch (RuntimeException e) {
            throw new DeferredWriteException(SluiceException.internal("internal error: " + e, e));
        }
    }

    /** How many pending sets of rows were written so far (see EngineSession#deferredWriteCompletions). */
    long completions() {
        return completions;
    }

    void discard() {
        relation = null;
        writer = null;
        rows = new ArrayList<>();
    }
}
