package dev.sluice.executor.stream;

import dev.sluice.common.RowKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The local half of a two-phase aggregate (Flink's local-global aggregation): below an exchange by
 * key, it folds the rows of one input batch into one partial row per group, {@code [key columns as
 * first seen, partial of call 0, ...]}, emits them as inserts at {@link #flush} and forgets them. The
 * global {@link GroupAggregateOperator} above the exchange merges partials with {@link #globalCalls},
 * so the repartition topic carries a row per group and batch instead of a row per input row.
 *
 * <p>It keeps nothing across flushes, so it has no checkpointed state: a checkpoint always follows a
 * flush. Only calls whose partial results merge into the same answer qualify ({@link #mergeable}):
 * COUNT (merged by summing), SUM, $SUM0, MIN, MAX, BOOL_AND and BOOL_OR, without DISTINCT, over
 * inserts only. A partial's type is the call's result type, so the partial row has the aggregate's
 * own row type.
 */
public final class LocalAggregateOperator implements StreamOperator {
    private final int[] groupKey;
    private final Supplier<Accumulator>[] factories;
    private final int[] filterArgs;
    private final ChangeCollector downstream;
    private final Map<Object, Partial> groups = new HashMap<>();
    private final List<Partial> order = new ArrayList<>();

    private static final class Partial {
        final Object[] keyValues;
        final Accumulator[] accumulators;

        Partial(Object[] keyValues, Accumulator[] accumulators) {
            this.keyValues = keyValues;
            this.accumulators = accumulators;
        }
    }

    @SuppressWarnings("unchecked")
    public LocalAggregateOperator(int[] groupKey, List<AggregateCall> calls, ChangeCollector downstream) {
        if (!mergeable(calls)) {
            throw new IllegalArgumentException("not every call can be split into local and global: " + calls);
        }
        this.groupKey = groupKey.clone();
        this.downstream = downstream;
        this.factories = new Supplier[calls.size()];
        this.filterArgs = new int[calls.size()];
        for (int i = 0; i < calls.size(); i++) {
            factories[i] = Accumulator.factory(calls.get(i), true);
            filterArgs[i] = calls.get(i).filterArg();
        }
    }

    /** True when every call's partial results can be merged by {@link #globalCalls}. */
    public static boolean mergeable(List<AggregateCall> calls) {
        for (AggregateCall call : calls) {
            if (call.distinct()) {
                return false;
            }
            switch (call.function()) {
                case COUNT, SUM, SUM0, MIN, MAX, BOOL_AND, BOOL_OR -> {}
                default -> {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The calls of the global aggregate over partial rows of a {@code keyWidth}-column key: call
     * {@code i} reads column {@code keyWidth + i}; COUNT's partial counts are summed ($SUM0, so an
     * empty sum is 0 as a count is), the others merge with their own function.
     */
    public static List<AggregateCall> globalCalls(int keyWidth, List<AggregateCall> calls) {
        List<AggregateCall> out = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            AggregateCall call = calls.get(i);
            AggFunction merge = call.function() == AggFunction.COUNT ? AggFunction.SUM0 : call.function();
            out.add(AggregateCall.of(merge, call.resultType(), keyWidth + i));
        }
        return out;
    }

    @Override
    public void collect(RowKind kind, Object[] row) {
        if (kind != RowKind.INSERT) {
            throw new IllegalStateException("a local aggregate takes inserts only, got " + kind);
        }
        Object key = Keys.keyOf(row, groupKey);
        Partial p = groups.get(key);
        if (p == null) {
            Object[] keyValues = new Object[groupKey.length];
            for (int i = 0; i < groupKey.length; i++) {
                keyValues[i] = row[groupKey[i]];
            }
            Accumulator[] accumulators = new Accumulator[factories.length];
            for (int i = 0; i < factories.length; i++) {
                accumulators[i] = factories[i].get();
            }
            p = new Partial(keyValues, accumulators);
            groups.put(key, p);
            order.add(p);
        }
        for (int i = 0; i < factories.length; i++) {
            if (filterArgs[i] < 0 || row[filterArgs[i]] == Boolean.TRUE) {
                p.accumulators[i].add(row);
            }
        }
    }

    /** Emits one partial row per group seen since the last flush, in first-seen order, and forgets them. */
    @Override
    public void flush() {
        for (Partial p : order) {
            Object[] out = new Object[groupKey.length + factories.length];
            System.arraycopy(p.keyValues, 0, out, 0, groupKey.length);
            for (int i = 0; i < factories.length; i++) {
                out[groupKey.length + i] = p.accumulators[i].result();
            }
            downstream.collect(RowKind.INSERT, out);
        }
        groups.clear();
        order.clear();
    }
}
