package dev.sluice.executor.stream;

import dev.sluice.common.RowKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code GROUP BY} with aggregate calls, maintained under retraction, in mini-batches.
 *
 * <p>Output rows are laid out as Calcite's {@code Aggregate}: the group-key values in {@code
 * groupKey} order, then one value per call. With no calls and all columns as key it is {@code
 * DISTINCT}; with an empty key it is a global aggregate.
 *
 * <p>Algorithm:
 *
 * <ol>
 *   <li>{@link #collect}: find the group (created on its first row); if it is not dirty yet, mark
 *       it dirty and remember its current result, which is the row last emitted for it (none for a
 *       new group); count the row (+I/+U add one, -U/-D take one away) and add it to or retract it
 *       from each call's {@link Accumulator} (after the call's FILTER). Nothing is emitted.
 *   <li>{@link #flush()}: for each dirty group, in the order they became dirty: row count 0 → -D of
 *       the remembered row (if any) and the group is dropped; nothing remembered → +I; result
 *       changed → -U old, +U new; unchanged → nothing. A global aggregate's group is never dropped: the first
 *       flush emits its empty-input result (COUNT 0, SUM NULL, ...) as +I even without input, and it
 *       is only ever updated afterwards, as SQL's {@code SELECT COUNT(*) FROM t} always has one row.
 *   <li>{@link #snapshot}: the groups changed since the last snapshot; dropped ones as deletes.
 * </ol>
 *
 * <p>State per group: key = the normalized key values (see {@link Keys}) encoded by the {@link
 * StateKeyEncoder} (memcomparable for queries the planner builds); value = {@code encodeRow([key values as first seen, row count, state of call 0, ...])}.
 *
 * <p>Memory: the last emitted row is not kept between batches (after a flush it equals the current
 * result, so it is recomputed when the group next changes), and a group keeps its key values only
 * through its map key unless normalizing changed them. A many-group aggregate then holds little
 * more than map entry, group and accumulators per group, which keeps young collections cheap.
 *
 * <p>Known limits: a group's state value holds all of its state, so a checkpoint rewrites the whole
 * MIN/MAX multiset, DISTINCT counts or STRING_AGG list of every group that changed (per-value state
 * keys would write only the delta); REAL/DOUBLE sums under retraction can drift by rounding (as in
 * Flink), though they restart at exactly 0 when a group has no values left; MIN/MAX need Comparable
 * values (not ARRAY, MAP or STRUCT); a retraction of a row the group does not have is an
 * IllegalStateException, as it means the input is not a valid retract changelog.
 *
 * <p>Read-through state ({@link #readThrough}, when the query has a local RocksDB copy): the group
 * table is then a bounded cache over the committed state.
 *
 * <ol>
 *   <li>A key not on the heap is read from the {@link StateReader} and decoded as {@link #restore}
 *       would; absent there too, it is a new group. While the heap holds every committed group (the
 *       reader had none at the start and nothing was evicted yet) a miss is new without a read, so
 *       a state that fits in the cache costs what heap-only state does.
 *   <li>A group that empties stays in the table as a tombstone ({@code dropped}), so the committed
 *       entry underneath cannot come back before its delete is applied; a new row for the key
 *       replaces the tombstone with a new group.
 *   <li>{@link #checkpointApplied()}, called once the last snapshot is in the reader's store, removes
 *       the tombstones that snapshot deleted and then evicts clean groups (not dirty, not changed since
 *       the snapshot) beyond {@code cacheEntries}, CLOCK order, a group being "used" when it becomes
 *       dirty. Groups changed since the last checkpoint are never evicted: they are the epoch's buffer
 *       of changes, written at the next checkpoint.
 * </ol>
 *
 * Whatever is evicted reads back exactly as it was, because eviction only happens after the value on
 * the heap was written where the reader reads.
 *
 * <p>Fast path: a single-column key is looked up by the value itself (a multi-column key through
 * a reusable {@link Keys.Probe}), and a {@code COUNT(*)} without FILTER or DISTINCT is the group's
 * row count, so count-per-key allocates nothing per row beyond what a new group needs.
 */
public final class GroupAggregateOperator implements StreamOperator {
    private static final Object GLOBAL_KEY = new Object();

    private final int[] groupKey;
    private final AggregateCall[] calls;
    private final boolean inputInsertOnly;
    private final ChangeCollector out;

    /** Per call: a factory of accumulators, or null for a COUNT(*) answered by the row count. */
    private final Supplier<Accumulator>[] factories;

    private final int[] filterArgs;
    private final boolean hasAccumulators;
    private final boolean global;
    private final int[] identity;

    private final GroupTable<Group> groups = new GroupTable<>();
    private final ArrayList<Group> dirty = new ArrayList<>();
    private final ArrayList<Group> unsnapshotted = new ArrayList<>();
    private final Group globalGroup;
    /** True once the global aggregate's row was emitted (it then exists for good). */
    private boolean globalEmitted;
    /** For keys of several columns: the reusable lookup key. */
    private final Keys.Probe probe;

    /** Where groups not on the heap are (read-through state), or null: every group is on the heap. */
    private StateReader reader;
    /** With a reader: how many groups may stay on the heap after a checkpoint. */
    private int cacheEntries;
    /**
     * With a reader: every committed group is on the heap (the reader had none at the start and
     * nothing was evicted since), so a miss is a new group without reading.
     */
    private boolean complete;
    /** With a reader: tombstones whose delete the last snapshot wrote, removed once it is applied. */
    private final ArrayList<Group> snapshottedDrops = new ArrayList<>();

    /** One group's running state. */
    private static final class Group extends GroupTable.Entry {
        /** The key values as first seen, when {@link Keys#normalize} changed them; else null. */
        final Object[] originalKeyValues;

        final Accumulator[] accumulators;
        long rowCount;
        /** While dirty: the row last emitted for this group, or null if none. */
        Object[] before;

        boolean dirty;
        boolean unsnapshotted;
        /** Emptied: gone from the table, or (read-through) a tombstone in it until its delete is applied. */
        boolean dropped;

        Group(Object key, Object[] originalKeyValues, Accumulator[] accumulators) {
            super(key);
            this.originalKeyValues = originalKeyValues;
            this.accumulators = accumulators;
        }
    }

    /**
     * @param groupKey input columns to group by; empty for a global aggregate
     * @param calls aggregate calls, in output order
     * @param inputInsertOnly true if the input never retracts: MIN, MAX and STRING_AGG then keep only
     *     what insertions need, and a retraction is an error
     * @param out downstream
     */
    private StateKeyEncoder stateKeys = StateKeyEncoder.VALUE_CODEC;

    @SuppressWarnings("unchecked")
    public GroupAggregateOperator(
            int[] groupKey, List<AggregateCall> calls, boolean inputInsertOnly, ChangeCollector out) {
        this.groupKey = groupKey.clone();
        this.calls = calls.toArray(new AggregateCall[0]);
        this.inputInsertOnly = inputInsertOnly;
        this.out = out;
        this.factories = new Supplier[this.calls.length];
        this.filterArgs = new int[this.calls.length];
        boolean anyAccumulator = false;
        for (int i = 0; i < this.calls.length; i++) {
            AggregateCall call = this.calls[i];
            filterArgs[i] = call.filterArg();
            boolean rowCount = call.function() == AggFunction.COUNT
                    && call.args().length == 0
                    && !call.distinct()
                    && call.filterArg() < 0;
            if (!rowCount) {
                factories[i] = Accumulator.factory(call, inputInsertOnly);
                anyAccumulator = true;
            }
        }
        this.hasAccumulators = anyAccumulator;
        this.global = groupKey.length == 0;
        this.identity = new int[groupKey.length];
        for (int i = 0; i < identity.length; i++) {
            identity[i] = i;
        }
        this.globalGroup = global ? newGroup(GLOBAL_KEY, new Object[0]) : null;
        this.probe = groupKey.length > 1 ? new Keys.Probe(this.groupKey) : null;
    }

    /** The group's key values as first seen (for output and state). */
    private Object[] keyValues(Group g) {
        return g.originalKeyValues != null
                ? g.originalKeyValues
                : global ? new Object[0] : Keys.valuesOf(g.key, groupKey.length);
    }

    /** A new group for {@code row}'s key, whose normalized form is {@code key}. */
    private Group newGroup(Object key, Object[] row, int[] columns) {
        Object[] normalized = global ? null : Keys.valuesOf(key, columns.length);
        Object[] original = null;
        for (int i = 0; i < columns.length; i++) {
            if (row[columns[i]] != normalized[i]) {
                original = new Object[columns.length];
                for (int j = 0; j < columns.length; j++) {
                    original[j] = row[columns[j]];
                }
                break;
            }
        }
        return newGroup(key, original);
    }

    private Group newGroup(Object key, Object[] originalKeyValues) {
        Accumulator[] accumulators = null;
        if (hasAccumulators) {
            accumulators = new Accumulator[factories.length];
            for (int i = 0; i < factories.length; i++) {
                if (factories[i] != null) {
                    accumulators[i] = factories[i].get();
                }
            }
        }
        return new Group(key, originalKeyValues, accumulators);
    }

    @Override
    public void collect(RowKind kind, Object[] row) {
        Group g;
        if (global) {
            g = globalGroup;
        } else {
            Object key = probe == null ? Keys.keyOf(row, groupKey) : probe.set(row);
            g = groups.get(key);
            if (g == null || g.dropped) {
                g = notOnHeap(kind, row, key, g);
            }
        }
        if (!g.dirty) {
            g.dirty = true;
            g.referenced = true;
            g.before = g.rowCount > 0 || (global && globalEmitted) ? result(g) : null;
            dirty.add(g);
            if (!g.unsnapshotted) {
                g.unsnapshotted = true;
                unsnapshotted.add(g);
            }
        }
        if (kind.isAccumulate()) {
            g.rowCount++;
            if (hasAccumulators) {
                Accumulator[] accs = g.accumulators;
                for (int i = 0; i < accs.length; i++) {
                    Accumulator acc = accs[i];
                    if (acc != null && (filterArgs[i] < 0 || row[filterArgs[i]] == Boolean.TRUE)) {
                        acc.add(row);
                    }
                }
            }
        } else {
            if (inputInsertOnly) {
                throw new IllegalStateException(
                        "GroupAggregateOperator was planned for an insert-only input but received "
                                + kind.shortString());
            }
            if (g.rowCount == 0) {
                throw retractionOfMissingRow(kind, row);
            }
            g.rowCount--;
            if (hasAccumulators) {
                Accumulator[] accs = g.accumulators;
                for (int i = 0; i < accs.length; i++) {
                    Accumulator acc = accs[i];
                    if (acc != null && (filterArgs[i] < 0 || row[filterArgs[i]] == Boolean.TRUE)) {
                        acc.retract(row);
                    }
                }
            }
        }
    }

    /**
     * The slow path of {@link #collect}: no live group for the key on the heap. Reads the committed
     * group (read-through state, and only if no tombstone says it is deleted), else starts a new one.
     */
    private Group notOnHeap(RowKind kind, Object[] row, Object key, Group tombstone) {
        if (probe != null) {
            key = probe.toKey();
        }
        if (tombstone == null && reader != null && !complete) {
            byte[] value = reader.get(stateKey(key));
            if (value != null) {
                Group g = decode(value);
                groups.add(g);
                return g;
            }
        }
        if (kind.isRetract()) {
            throw retractionOfMissingRow(kind, row);
        }
        if (tombstone != null) {
            groups.remove(tombstone);
        }
        Group g = newGroup(key, row, groupKey);
        groups.add(g);
        return g;
    }

    private static IllegalStateException retractionOfMissingRow(RowKind kind, Object[] row) {
        return new IllegalStateException("GroupAggregateOperator: " + kind.shortString()
                + " of a row its group does not have: " + Arrays.deepToString(row));
    }

    @Override
    public void flush() {
        for (int i = 0, n = dirty.size(); i < n; i++) {
            Group g = dirty.get(i);
            g.dirty = false;
            Object[] before = g.before;
            g.before = null;
            if (g.rowCount == 0 && !global) {
                if (before != null) {
                    out.collect(RowKind.DELETE, before);
                }
                if (reader == null) {
                    groups.remove(g);
                } // else it stays as a tombstone until its delete is applied (checkpointApplied)
                g.dropped = true;
                continue;
            }
            emit(g, before);
        }
        dirty.clear();
        if (global && !globalEmitted) {
            emit(globalGroup, null);
            if (!globalGroup.unsnapshotted) {
                globalGroup.unsnapshotted = true;
                unsnapshotted.add(globalGroup);
            }
        }
    }

    private void emit(Group g, Object[] before) {
        Object[] now = result(g);
        if (before == null) {
            out.collect(RowKind.INSERT, now);
        } else if (!Arrays.deepEquals(before, now)) {
            out.collect(RowKind.UPDATE_BEFORE, before);
            out.collect(RowKind.UPDATE_AFTER, now);
        }
        if (global) {
            globalEmitted = true;
        }
    }

    private Object[] result(Group g) {
        int k = groupKey.length;
        Object[] row = new Object[k + calls.length];
        if (k == 1 && g.originalKeyValues == null) {
            row[0] = g.key == Keys.NULL ? null : g.key;
        } else if (k > 0) {
            System.arraycopy(keyValues(g), 0, row, 0, k);
        }
        for (int i = 0; i < calls.length; i++) {
            row[k + i] = factories[i] == null
                    ? Values.coerce(g.rowCount, calls[i].resultType())
                    : g.accumulators[i].result();
        }
        return row;
    }

    @Override
    public void snapshot(StateChanges changes) {
        if (!dirty.isEmpty()) {
            throw new IllegalStateException("GroupAggregateOperator: snapshot() before flush()");
        }
        Set<Object> deleted = null;
        for (int i = 0, n = unsnapshotted.size(); i < n; i++) {
            Group g = unsnapshotted.get(i);
            g.unsnapshotted = false;
            if (g.dropped) {
                // The key may have come back as a new group (written by its own entry) or been
                // dropped more than once since the last snapshot: one delete, and only if still gone
                // (heap state: no group for the key; read-through: this is the key's tombstone).
                Group current = groups.get(g.key);
                boolean delete;
                if (current == null) {
                    if (deleted == null) {
                        deleted = new HashSet<>();
                    }
                    delete = deleted.add(g.key);
                } else {
                    delete = current == g;
                }
                if (delete) {
                    changes.put(stateKey(g.key), null);
                    if (reader != null) {
                        snapshottedDrops.add(g);
                    }
                }
                continue;
            }
            changes.put(stateKey(g.key), stateValue(g));
        }
        unsnapshotted.clear();
    }

    private byte[] stateKey(Object key) {
        return stateKeys.encode(global ? new Object[0] : Keys.valuesOf(key, groupKey.length));
    }

    /**
     * Sets how group keys become state keys (default {@link StateKeyEncoder#VALUE_CODEC}); call before
     * any input or restore.
     */
    public GroupAggregateOperator withStateKeys(StateKeyEncoder encoder) {
        this.stateKeys = encoder;
        return this;
    }

    private byte[] stateValue(Group g) {
        Object[] value = new Object[2 + calls.length];
        value[0] = keyValues(g);
        value[1] = g.rowCount;
        for (int i = 0; i < calls.length; i++) {
            if (factories[i] != null) {
                value[2 + i] = g.accumulators[i].state();
            }
        }
        return ValueCodec.encodeRow(value);
    }

    @Override
    public void restore(byte[] key, byte[] value) {
        Group g = decode(value);
        if (!global) {
            groups.add(g);
        }
    }

    @Override
    public void readThrough(StateReader reader, int cacheEntries) {
        this.reader = reader;
        this.cacheEntries = cacheEntries;
        this.complete = !global && !reader.mayHaveEntries();
        if (global) {
            byte[] value = reader.get(stateKey(GLOBAL_KEY));
            if (value != null) {
                decode(value);
            }
        }
    }

    @Override
    public void checkpointApplied() {
        if (reader == null) {
            return;
        }
        for (int i = 0, n = snapshottedDrops.size(); i < n; i++) {
            groups.remove(snapshottedDrops.get(i)); // no-op if a new group has replaced it
        }
        snapshottedDrops.clear();
        if (groups.size() > cacheEntries
                && groups.evictTo(cacheEntries, g -> !g.dirty && !g.unsnapshotted && !g.dropped) > 0) {
            complete = false;
        }
    }

    /** A group from its state value (the global group: restored in place). */
    private Group decode(byte[] value) {
        Object[] v = ValueCodec.decodeRow(value);
        if (v.length != 2 + calls.length
                || !(v[0] instanceof Object[] keyValues)
                || keyValues.length != groupKey.length
                || !(v[1] instanceof Long rowCount)) {
            throw new CorruptValueException("GroupAggregateOperator: state value does not match " + calls.length
                    + " calls and a key of " + groupKey.length + " columns");
        }
        Group g = global ? globalGroup : newGroup(Keys.keyOf(keyValues, identity), keyValues, identity);
        g.rowCount = rowCount;
        for (int i = 0; i < calls.length; i++) {
            if (factories[i] != null) {
                g.accumulators[i].restore(v[2 + i]);
            }
        }
        if (global) {
            globalEmitted = true;
        }
        return g;
    }

    /** Groups currently on the heap, tombstones included (for tests and metrics). */
    public int groupCount() {
        return global ? 1 : groups.size();
    }
}
