package dev.sluice.server.query;

import dev.sluice.common.Row;
import dev.sluice.common.RowKind;
import dev.sluice.executor.stream.ChangeCollector;
import dev.sluice.planner.catalog.Relation;
import dev.sluice.planner.stream.RowConversion;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects a persistent query's output for the current epoch as rows of the output relation, ready to
 * be appended inside the checkpoint's transaction.
 *
 * <ul>
 *   <li>A stream gets every {@code +I} row.
 *   <li>A table or view gets upserts: {@code +I}/{@code +U} become the row for its key, {@code -D} a
 *       delete (tombstone); {@code -U} is dropped, since the {@code +U} that follows replaces it.
 *   <li>An output without a key of its own has a hidden row id: a constant for a global aggregate
 *       (one row), a sequence number for an append-only result (the counter is checkpointed with
 *       the query's state, so a replay numbers rows the same way).
 * </ul>
 */
final class ViewSink implements ChangeCollector {
    enum RowIds {
        NONE,
        CONSTANT,
        SEQUENCE
    }

    private final Relation output;
    private final RowConversion conversion;
    private final RowIds rowIds;
    private final List<Row> pending = new ArrayList<>();
    private long nextRowId;

    ViewSink(Relation output, RowConversion conversion, RowIds rowIds) {
        this.output = output;
        this.conversion = conversion;
        this.rowIds = rowIds;
    }

    @Override
    public void collect(RowKind kind, Object[] row) {
        if (kind == RowKind.UPDATE_BEFORE && output.kind().isKeyed()) {
            return;
        }
        Row r = conversion.toRow(kind, row);
        if (rowIds != RowIds.NONE) {
            Object[] values = new Object[r.arity() + 1];
            for (int i = 0; i < r.arity(); i++) {
                values[i] = r.get(i);
            }
            values[r.arity()] = rowIds == RowIds.CONSTANT ? 0L : nextRowId++;
            r = Row.ofKind(kind, values);
        }
        pending.add(r);
    }

    Relation output() {
        return output;
    }

    List<Row> drain() {
        List<Row> out = new ArrayList<>(pending);
        pending.clear();
        return out;
    }

    int pendingRows() {
        return pending.size();
    }

    long nextRowId() {
        return nextRowId;
    }

    void restoreNextRowId(long value) {
        nextRowId = value;
    }
}
