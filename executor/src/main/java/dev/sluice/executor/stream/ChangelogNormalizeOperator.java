package dev.sluice.executor.stream;

import dev.sluice.common.RowKind;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;

/**
 * Turns an upsert changelog (a table's topic) into a retract changelog, keeping the last row per key.
 *
 * <pre>
 *   input                 key absent      key present with row old
 *   +I row / +U row       +I row          -U old, +U row (nothing if row equals old)
 *   -D (key columns set)  nothing         -D old
 *   -U                    ignored: an upsert changelog's +U alone says what the row is now
 * </pre>
 *
 * <p>The -D row may carry only the key columns (the rest null); the -D emitted is the full old row.
 * Output is emitted at once: there is nothing to batch.
 *
 * <p>State: key = {@link ValueCodec#encodeRow} of the normalized key values (see {@link Keys}),
 * value = {@code encodeRow(row)}; the keys changed since the last snapshot are written then.
 */
public final class ChangelogNormalizeOperator implements StreamOperator {
    private final int[] keyColumns;
    private final ChangeCollector out;
    private final HashMap<Object, Object[]> rows = new HashMap<>();
    private final LinkedHashSet<Object> unsnapshotted = new LinkedHashSet<>();

    /**
     * @param keyColumns the columns of the changelog's key (the table's primary key)
     * @param out downstream
     */
    public ChangelogNormalizeOperator(int[] keyColumns, ChangeCollector out) {
        if (keyColumns.length == 0) {
            throw new IllegalArgumentException("ChangelogNormalizeOperator needs at least one key column");
        }
        this.keyColumns = keyColumns.clone();
        this.out = out;
    }

    @Override
    public void collect(RowKind kind, Object[] row) {
        switch (kind) {
            case INSERT, UPDATE_AFTER -> {
                Object key = Keys.keyOf(row, keyColumns);
                Object[] old = rows.put(key, row);
                if (old == null) {
                    out.collect(RowKind.INSERT, row);
                } else if (!Arrays.deepEquals(old, row)) {
                    out.collect(RowKind.UPDATE_BEFORE, old);
                    out.collect(RowKind.UPDATE_AFTER, row);
                } else {
                    return;
                }
                unsnapshotted.add(key);
            }
            case DELETE -> {
                Object key = Keys.keyOf(row, keyColumns);
                Object[] old = rows.remove(key);
                if (old != null) {
                    out.collect(RowKind.DELETE, old);
                    unsnapshotted.add(key);
                }
            }
            case UPDATE_BEFORE -> {}
        }
    }

    @Override
    public void snapshot(StateChanges changes) {
        for (Object key : unsnapshotted) {
            Object[] row = rows.get(key);
            changes.put(
                    ValueCodec.encodeRow(Keys.valuesOf(key, keyColumns.length).clone()),
                    row == null ? null : ValueCodec.encodeRow(row));
        }
        unsnapshotted.clear();
    }

    @Override
    public void restore(byte[] key, byte[] value) {
        Object[] row = ValueCodec.decodeRow(value);
        rows.put(Keys.keyOf(row, keyColumns), row);
    }

    /** Keys currently held (for tests and metrics). */
    public int size() {
        return rows.size();
    }
}
