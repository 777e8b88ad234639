package dev.sluice.server.query;

import dev.sluice.common.Row;
import dev.sluice.common.RowKind;
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
 *   <li>A {@code blackhole} sink counts rows and drops them.
 *   <li>{@code INSERT INTO s SELECT ... EMIT CHANGES} puts each result column into its target column
 *       of the stream, converted as an INSERT converts it; columns not listed are NULL.
 * </ul>
 */
final class ViewSink implements EpochOutput {
    enum RowIds {
        NONE,
        CONSTANT,
        SEQUENCE
    }

    private final Relation output;
    private final RowConversion conversion;
    private final RowIds rowIds;
    /** For INSERT INTO: the output column each result column goes to; null when they are the same. */
    private final int[] targetColumns;
    /** True when each row ends with its event time ({@link EventTimeColumn}), the record timestamp. */
    private final boolean eventTime;

    private long[] timestamps = new long[64];

    private final List<Row> pending = new ArrayList<>();
    private long nextRowId;
    private long dropped;

    /**
     * @param output the relation the rows go to; null for a blackhole
     */
    ViewSink(Relation output, RowConversion conversion, RowIds rowIds, boolean eventTime) {
        this(output, conversion, rowIds, null, eventTime);
    }

    private ViewSink(Relation output, RowConversion conversion, RowIds rowIds, int[] targetColumns, boolean eventTime) {
        this.output = output;
        this.conversion = conversion;
        this.rowIds = rowIds;
        this.targetColumns = targetColumns;
        this.eventTime = eventTime;
    }

    /** Counts rows and drops them. */
    static ViewSink blackhole() {
        return new ViewSink(null, null, RowIds.NONE, null, false);
    }

    /** Rows of the plan's result into the given columns of an existing stream. */
    static ViewSink insertInto(Relation stream, RowConversion conversion, int[] targetColumns, boolean eventTime) {
        return new ViewSink(stream, conversion, RowIds.NONE, targetColumns, eventTime);
    }

    @Override
    public void collect(RowKind kind, Object[] row) {
        if (output == null) {
            dropped++;
            return;
        }
        if (kind == RowKind.UPDATE_BEFORE && output.kind().isKeyed()) {
            return;
        }
        if (eventTime) {
            if (pending.size() == timestamps.length) {
                timestamps = java.util.Arrays.copyOf(timestamps, timestamps.length * 2);
            }
            Object t = row[row.length - 1];
            timestamps[pending.size()] = t == null ? -1 : (Long) t;
        }
        Row r = conversion.toRow(kind, row);
        if (targetColumns != null) {
            r = reshape(kind, r);
        }
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

    private Row reshape(RowKind kind, Row r) {
        Object[] values = new Object[output.schema().size()];
        for (int i = 0; i < targetColumns.length; i++) {
            var column = output.schema().column(targetColumns[i]);
            values[targetColumns[i]] = dev.sluice.server.engine.ValueCoercer.coerce(
                    r.get(i), column.type(), "column \"" + column.name() + "\"");
        }
        for (int i = 0; i < values.length; i++) {
            var column = output.schema().column(i);
            if (values[i] == null && !column.nullable()) {
                throw new dev.sluice.common.SluiceException(
                        dev.sluice.common.SqlState.NOT_NULL_VIOLATION,
                        "null value in column \"" + column.name() + "\" of stream \""
                                + output.name().displayName() + "\" violates not-null constraint");
            }
        }
        return Row.ofKind(kind, values);
    }

    /** Where the rows go; null for a blackhole. */
    Relation output() {
        return output;
    }

    /** Rows a blackhole has dropped. */
    long dropped() {
        return dropped;
    }

    /** The epoch's rows, and their event times when the plan carries them (else null). */
    record Drained(List<Row> rows, long[] timestamps) {}

    Drained drain() {
        List<Row> out = new ArrayList<>(pending);
        long[] times = eventTime ? java.util.Arrays.copyOf(timestamps, out.size()) : null;
        pending.clear();
        return new Drained(out, times);
    }

    @Override
    public int pendingRows() {
        return pending.size();
    }

    @Override
    public void writeTo(dev.sluice.server.storage.RowWriter.TransactionalProducer producer) {
        Drained drained = drain();
        if (output != null && !drained.rows().isEmpty()) {
            producer.write(output, drained.rows(), drained.timestamps());
        }
    }

    @Override
    public String topic() {
        return output == null ? null : output.topic();
    }

    long nextRowId() {
        return nextRowId;
    }

    void restoreNextRowId(long value) {
        nextRowId = value;
    }
}
