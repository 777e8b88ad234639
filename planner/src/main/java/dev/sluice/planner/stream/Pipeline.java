package dev.sluice.planner.stream;

import dev.sluice.executor.state.QueryState;
import dev.sluice.executor.stream.CalcOperator;
import dev.sluice.executor.stream.ChangeCollector;
import dev.sluice.executor.stream.ChangelogNormalizeOperator;
import dev.sluice.executor.stream.GroupAggregateOperator;
import dev.sluice.executor.stream.LocalAggregateOperator;
import dev.sluice.executor.stream.StateChanges;
import dev.sluice.executor.stream.StateKeyEncoder;
import dev.sluice.executor.stream.StreamOperator;
import dev.sluice.planner.catalog.Relation;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One runnable instance of a {@link StreamPlan}: executor operators wired to each other and to a
 * sink. Not thread-safe: one task drives it.
 *
 * <p>Rows enter through {@link #input(long)} (one collector per source relation oid; a relation read
 * twice, as in a self-union, fans out to both places). Operators are kept upstream-first, so {@link
 * #flush} lets every operator emit what it held back before its downstream flushes in turn.
 *
 * <p>State keys are prefixed with the operator's position (2 bytes, big-endian) in that order, which
 * is the same every time the same plan is built.
 */
public final class Pipeline {
    private final List<StreamOperator> operators = new ArrayList<>();
    private final Map<Long, List<ChangeCollector>> inputs = new LinkedHashMap<>();
    private final Map<Long, ChangeCollector> entries = new LinkedHashMap<>();

    private Pipeline() {}

    /**
     * Rows of the exchange's input enter a pipeline built above it (see {@link #build(StreamNode,
     * ChangeCollector, StreamNode.Exchange)}) under this id; relation oids are never negative.
     */
    public static final long EXCHANGE_INPUT = -1;

    private StreamNode.Exchange cut;

    static Pipeline build(StreamNode root, ChangeCollector sink) {
        return build(root, sink, null);
    }

    /**
     * @param cut an exchange to stop at: its input is not built, and the rows it would pass on enter
     *     at {@link #EXCHANGE_INPUT} instead (the part of a plan above an exchange run as a
     *     repartition topic); null to build the whole tree
     */
    static Pipeline build(StreamNode root, ChangeCollector sink, StreamNode.Exchange cut) {
        Pipeline p = new Pipeline();
        p.cut = cut;
        p.wire(root, sink);
        p.inputs.forEach((oid, targets) -> p.entries.put(oid, fanOut(targets)));
        return p;
    }

    private static ChangeCollector fanOut(List<ChangeCollector> targets) {
        if (targets.size() == 1) {
            return targets.get(0);
        }
        ChangeCollector[] all = targets.toArray(ChangeCollector[]::new);
        return (kind, row) -> {
            for (ChangeCollector c : all) {
                c.collect(kind, row);
            }
        };
    }

    private void wire(StreamNode node, ChangeCollector downstream) {
        if (node instanceof StreamNode.Source s) {
            inputs.computeIfAbsent(s.relation().oid(), k -> new ArrayList<>()).add(downstream);
        } else if (node instanceof StreamNode.Normalize n) {
            add(
                    new ChangelogNormalizeOperator(n.key(), downstream)
                            .withStateKeys(MemcomparableStateKeys.of(n.input().rowType(), n.key())),
                    n.input());
        } else if (node instanceof StreamNode.Calc c) {
            add(new CalcOperator(c.compiled().predicate(), c.compiled().projection(), downstream), c.input());
        } else if (node instanceof StreamNode.GroupAggregate g) {
            boolean insertOnly = g.input().mode() == ChangelogMode.INSERT_ONLY;
            add(
                    new GroupAggregateOperator(g.groupKey(), g.calls(), insertOnly, downstream)
                            .withStateKeys(MemcomparableStateKeys.of(g.input().rowType(), g.groupKey())),
                    g.input());
        } else if (node instanceof StreamNode.LocalAggregate l) {
            add(new LocalAggregateOperator(l.groupKey(), l.calls(), downstream), l.input());
        } else if (node == cut) {
            inputs.computeIfAbsent(EXCHANGE_INPUT, k -> new ArrayList<>()).add(downstream);
        } else if (node instanceof StreamNode.Exchange x) {
            wire(x.input(), downstream); // one task: every key is already here
        } else if (node instanceof StreamNode.Union u) {
            for (StreamNode in : u.inputs()) {
                wire(in, downstream);
            }
        } else {
            throw new IllegalStateException("no operator for " + node);
        }
    }

    /** Wires the input first, so operators end up upstream-first (post-order). */
    private void add(StreamOperator operator, StreamNode input) {
        wire(input, operator);
        operators.add(operator);
    }

    /**
     * Makes keyed operators use {@link StateKeyEncoder#VALUE_CODEC} state keys instead of memcomparable
     * ones: for a persistent query whose state was written before keys became memcomparable. Call
     * before restoring or feeding anything.
     */
    public Pipeline withValueCodecStateKeys() {
        for (StreamOperator op : operators) {
            if (op instanceof GroupAggregateOperator g) {
                g.withStateKeys(StateKeyEncoder.VALUE_CODEC);
            } else if (op instanceof ChangelogNormalizeOperator n) {
                n.withStateKeys(StateKeyEncoder.VALUE_CODEC);
            }
        }
        return this;
    }

    /** Where rows of relation {@code oid} enter, or null if the plan does not read it. */
    public ChangeCollector input(long oid) {
        return entries.get(oid);
    }

    /** The relations the plan reads, by oid. */
    public List<Long> sourceOids() {
        return List.copyOf(entries.keySet());
    }

    public boolean reads(Relation relation) {
        return entries.containsKey(relation.oid());
    }

    /** Makes every operator emit what it held back, upstream first. */
    public void flush() {
        for (StreamOperator op : operators) {
            op.flush();
        }
    }

    /** Every operator's state changes since the previous snapshot (call after {@link #flush}). */
    public void snapshot(StateChanges out) {
        for (int i = 0; i < operators.size(); i++) {
            byte[] prefix = prefix(i);
            operators.get(i).snapshot((key, value) -> out.put(concat(prefix, key), value));
        }
    }

    /** Gives a state entry written by {@link #snapshot} back to its operator. */
    public void restore(byte[] key, byte[] value) {
        int index = ((key[0] & 0xFF) << 8) | (key[1] & 0xFF);
        if (index >= operators.size()) {
            throw new IllegalStateException("state for operator " + index + " but the plan has " + operators.size());
        }
        operators.get(index).restore(Arrays.copyOfRange(key, 2, key.length), value);
    }

    /**
     * Instead of {@link #restore}: every operator reads its committed state from {@code state} (the
     * query's or the task's local copy; keys with the operator prefix, as {@link #snapshot} wrote
     * them), holding at most {@code
     * cacheEntries} unchanged entries on the heap between checkpoints. Call before any input; then
     * call {@link #checkpointApplied} each time a snapshot has been applied to {@code state}.
     */
    public void readThrough(QueryState state, int cacheEntries) {
        for (int i = 0; i < operators.size(); i++) {
            operators.get(i).readThrough(state.reader(prefix(i)), cacheEntries);
        }
    }

    /** The last {@link #snapshot} is now where the {@link #readThrough} reader reads. */
    public void checkpointApplied() {
        for (StreamOperator op : operators) {
            op.checkpointApplied();
        }
    }

    public int operatorCount() {
        return operators.size();
    }

    private static byte[] prefix(int index) {
        return ByteBuffer.allocate(2).putShort((short) index).array();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
