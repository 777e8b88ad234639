package dev.sluice.executor.stream;

import dev.sluice.common.RowKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;

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
 * <p>State: key = the normalized key values (see {@link Keys}) encoded by the {@link StateKeyEncoder}
 * (memcomparable for queries the planner builds), value = {@code encodeRow(row)}; the keys changed since the last snapshot are written then.
 *
 * <p>Read-through state ({@link #readThrough}): the map is then a bounded cache in access order over
 * the committed rows. A key not on the heap is read from the {@link StateReader}; a deleted key stays
 * on the heap as a {@link #TOMBSTONE} until {@link #checkpointApplied()} (its delete is then in the
 * reader's store), so the committed row cannot come back; after that, the least recently used keys
 * not changed since the snapshot are evicted beyond {@code cacheEntries}. See {@link
 * GroupAggregateOperator} for why this is safe.
 */
public final class ChangelogNormalizeOperator implements StreamOperator {
    /** Read-through: the key was deleted and the delete is not applied to the reader's store yet. */
    private static final Object[] TOMBSTONE = new Object[0];

    private final int[] keyColumns;
    private final ChangeCollector out;
    private StateKeyEncoder stateKeys = StateKeyEncoder.VALUE_CODEC;
    private HashMap<Object, Object[]> rows = new HashMap<>();
    private final LinkedHashSet<Object> unsnapshotted = new LinkedHashSet<>();

    /** Where rows not on the heap are (read-through state), or null: every row is on the heap. */
    private StateReader reader;

    private int cacheEntries;
    /** With a reader: every committed row is on the heap (see GroupAggregateOperator), so no reads. */
    private boolean complete;
    /** With a reader: tombstones whose delete the last snapshot wrote, removed once it is applied. */
    private final ArrayList<Object> snapshottedDeletes = new ArrayList<>();

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
                Object[] old = reader == null ? rows.put(key, row) : live(rows.put(key, row), key);
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
                Object[] old;
                if (reader == null) {
                    old = rows.remove(key);
                } else {
                    Object[] cached = rows.put(key, TOMBSTONE);
                    old = live(cached, key);
                    if (old == null && cached == null) {
                        rows.remove(key); // not in the committed state either: no tombstone needed
                    }
                }
                if (old != null) {
                    out.collect(RowKind.DELETE, old);
                    unsnapshotted.add(key);
                }
            }
            case UPDATE_BEFORE -> {}
        }
    }

    /**
     * Read-through: the row {@code key} had, given what the heap held for it ({@code cached}): a
     * tombstone means none, nothing on the heap means whatever the committed state has.
     */
    private Object[] live(Object[] cached, Object key) {
        if (cached == TOMBSTONE) {
            return null;
        }
        if (cached != null) {
            return cached;
        }
        if (complete) {
            return null;
        }
        byte[] value = reader.get(stateKey(key));
        return value == null ? null : ValueCodec.decodeRow(value);
    }

    private byte[] stateKey(Object key) {
        return stateKeys.encode(Keys.valuesOf(key, keyColumns.length));
    }

    /**
     * Sets how keys become state keys (default {@link StateKeyEncoder#VALUE_CODEC}); call before any
     * input or restore.
     */
    public ChangelogNormalizeOperator withStateKeys(StateKeyEncoder encoder) {
        this.stateKeys = encoder;
        return this;
    }

    @Override
    public void snapshot(StateChanges changes) {
        for (Object key : unsnapshotted) {
            Object[] row = rows.get(key);
            boolean deleted = row == null || row == TOMBSTONE;
            changes.put(stateKey(key), deleted ? null : ValueCodec.encodeRow(row));
            if (deleted && reader != null) {
                snapshottedDeletes.add(key);
            }
        }
        unsnapshotted.clear();
    }

    @Override
    public void restore(byte[] key, byte[] value) {
        Object[] row = ValueCodec.decodeRow(value);
        rows.put(Keys.keyOf(row, keyColumns), row);
    }

    @Override
    public void readThrough(StateReader reader, int cacheEntries) {
        this.reader = reader;
        this.cacheEntries = cacheEntries;
        this.complete = !reader.mayHaveEntries();
        LinkedHashMap<Object, Object[]> lru = new LinkedHashMap<>(16, 0.75f, true);
        lru.putAll(rows);
        this.rows = lru;
    }

    @Override
    public void checkpointApplied() {
        if (reader == null) {
            return;
        }
        for (Object key : snapshottedDeletes) {
            if (rows.get(key) == TOMBSTONE && !unsnapshotted.contains(key)) {
                rows.remove(key);
            }
        }
        snapshottedDeletes.clear();
        // Least recently used first; keys changed since the snapshot stay (none, between a snapshot
        // and its checkpointApplied, but cheap to be sure of).
        Iterator<Map.Entry<Object, Object[]>> it = rows.entrySet().iterator();
        for (int excess = rows.size() - cacheEntries; excess > 0 && it.hasNext(); ) {
            Map.Entry<Object, Object[]> e = it.next();
            if (e.getValue() != TOMBSTONE && !unsnapshotted.contains(e.getKey())) {
                it.remove();
                excess--;
                complete = false;
            }
        }
    }

    /** Keys currently on the heap, tombstones included (for tests and metrics). */
    public int size() {
        return rows.size();
    }
}
