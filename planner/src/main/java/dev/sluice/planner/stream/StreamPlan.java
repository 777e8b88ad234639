package dev.sluice.planner.stream;

import dev.sluice.common.types.Column;
import dev.sluice.executor.stream.AggregateCall;
import dev.sluice.executor.stream.ChangeCollector;
import dev.sluice.executor.stream.LocalAggregateOperator;
import dev.sluice.planner.catalog.Relation;
import java.util.List;

/**
 * A planned continuous query: the streaming physical plan, its result columns, the relations it
 * reads, and the key of its output. Immutable; {@link #instantiate} makes a runnable {@link Pipeline}
 * (one per task).
 *
 * @param outputKey the output columns that identify a row (the primary key of a view built from it),
 *     or null when rows have no key
 */
public record StreamPlan(StreamNode root, List<Column> columns, List<Relation> sources, int[] outputKey) {

    public ChangelogMode mode() {
        return root.mode();
    }

    /** True when the result only ever grows: a push query then has no {@code op} column. */
    public boolean appendOnly() {
        return root.mode() == ChangelogMode.INSERT_ONLY;
    }

    public Pipeline instantiate(ChangeCollector sink) {
        return Pipeline.build(root, sink);
    }

    /**
     * The operator where the plan's result starts to update or delete rows (for errors that need an
     * append-only result): the lowest node that emits more than inserts; null for an append-only plan.
     */
    public String updatingOperator() {
        return updating(root);
    }

    private static String updating(StreamNode node) {
        if (node.mode() == ChangelogMode.INSERT_ONLY) {
            return null;
        }
        for (StreamNode in : node.inputs()) {
            String below = updating(in);
            if (below != null) {
                return below;
            }
        }
        return node.describe();
    }

    /**
     * The exchange at which the plan can run as two stages of parallel tasks, or null: the plan's
     * only exchange, over a part that keeps no state and only inserts (filters, projections and unions
     * over streams and sources), by a non-empty key, or by none (a global aggregate) once a local
     * aggregate below it folds the rows ({@link #withLocalAggregate}). Tasks of the lower stage then
     * write each row to the partition of a repartition topic its key hashes to; tasks of the upper
     * stage each own some of those partitions, so every key's state lives in exactly one task (for a
     * global aggregate: one task over one partition, fed partials by every lower task). Changes below
     * are inserts only, so rows of one key that come from different lower tasks need no order.
     */
    public StreamNode.Exchange parallelExchange() {
        StreamNode.Exchange x = splittableExchange();
        if (x == null || (x.keys().length == 0 && !(x.input() instanceof StreamNode.LocalAggregate))) {
            return null;
        }
        return x;
    }

    /** The plan's only exchange if the part below it keeps no state and only inserts, else null. */
    private StreamNode.Exchange splittableExchange() {
        List<StreamNode.Exchange> found = new java.util.ArrayList<>();
        collectExchanges(root, found);
        if (found.size() != 1) {
            return null;
        }
        StreamNode.Exchange x = found.get(0);
        if (x.mode() != ChangelogMode.INSERT_ONLY || !stateless(x.input(), true)) {
            return null;
        }
        return x;
    }

    private static void collectExchanges(StreamNode node, List<StreamNode.Exchange> out) {
        if (node instanceof StreamNode.Exchange x) {
            out.add(x);
        }
        for (StreamNode in : node.inputs()) {
            collectExchanges(in, out);
        }
    }

    /**
     * True when the plan keeps no state across checkpoints (filters, projections, unions and local
     * aggregates over sources), so its rows may be split over tasks by source partition.
     */
    public boolean keepsNoState() {
        return stateless(root, false);
    }

    /** @param insertsOnly also require every source to be insert-only (streams and generators) */
    private static boolean stateless(StreamNode node, boolean insertsOnly) {
        if (node instanceof StreamNode.Source s) {
            return !insertsOnly || s.mode() == ChangelogMode.INSERT_ONLY;
        }
        // A local aggregate's partials last one input batch: nothing to checkpoint.
        if (!(node instanceof StreamNode.Calc)
                && !(node instanceof StreamNode.Union)
                && !(node instanceof StreamNode.LocalAggregate)) {
            return false;
        }
        for (StreamNode in : node.inputs()) {
            if (!stateless(in, insertsOnly)) {
                return false;
            }
        }
        return true;
    }

    /**
     * For a plan run split at its {@link #parallelExchange}: the same plan with the aggregate above
     * the exchange in two phases when all its calls can be merged (Flink's local-global aggregation),
     * so that one row per group and input batch crosses the repartition topic instead of one per
     * input row. A local aggregate below the exchange folds each batch into partials; the global
     * aggregate merges them (COUNT by summing the counts). This plan itself if that does not apply.
     * Deterministic: a restart derives the same plan, so operator state keys stay where they were.
     */
    public StreamPlan withLocalAggregate() {
        StreamNode.Exchange x = splittableExchange();
        StreamNode.GroupAggregate g = x == null ? null : aggregateOver(root, x);
        if (g == null
                || x.input() instanceof StreamNode.LocalAggregate
                || !LocalAggregateOperator.mergeable(g.calls())) {
            return this;
        }
        int width = g.groupKey().length;
        int[] key = new int[width];
        for (int i = 0; i < width; i++) {
            key[i] = i;
        }
        var local = new StreamNode.LocalAggregate(x.input(), g.groupKey(), g.calls(), g.callText(), g.rowType());
        var exchange = new StreamNode.Exchange(local, key, ChangelogMode.INSERT_ONLY);
        List<AggregateCall> merged = LocalAggregateOperator.globalCalls(width, g.calls());
        List<String> text = new java.util.ArrayList<>();
        for (int i = 0; i < merged.size(); i++) {
            text.add(merged.get(i).function().name().replace("SUM0", "$SUM0") + "($" + (width + i) + ") merging "
                    + g.callText().get(i));
        }
        var global = new StreamNode.GroupAggregate(exchange, key, merged, text, g.rowType(), g.mode());
        return new StreamPlan(replace(root, g, global), columns, sources, outputKey);
    }

    private static StreamNode.GroupAggregate aggregateOver(StreamNode node, StreamNode.Exchange x) {
        if (node instanceof StreamNode.GroupAggregate g && g.input() == x) {
            return g;
        }
        for (StreamNode in : node.inputs()) {
            StreamNode.GroupAggregate found = aggregateOver(in, x);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** {@code node} with {@code target} replaced (by identity), rebuilding the nodes above it. */
    private static StreamNode replace(StreamNode node, StreamNode target, StreamNode by) {
        if (node == target) {
            return by;
        }
        if (node instanceof StreamNode.Calc c) {
            return new StreamNode.Calc(replace(c.input(), target, by), c.program(), c.compiled(), c.mode());
        }
        if (node instanceof StreamNode.Normalize n) {
            return new StreamNode.Normalize(replace(n.input(), target, by), n.key(), n.mode());
        }
        if (node instanceof StreamNode.Exchange e) {
            return new StreamNode.Exchange(replace(e.input(), target, by), e.keys(), e.mode());
        }
        if (node instanceof StreamNode.GroupAggregate g) {
            return new StreamNode.GroupAggregate(
                    replace(g.input(), target, by), g.groupKey(), g.calls(), g.callText(), g.rowType(), g.mode());
        }
        if (node instanceof StreamNode.Union u) {
            List<StreamNode> inputs = new java.util.ArrayList<>();
            for (StreamNode in : u.inputs()) {
                inputs.add(replace(in, target, by));
            }
            return new StreamNode.Union(inputs, u.rowType(), u.mode());
        }
        return node; // a source or local aggregate: nothing below it to replace
    }

    /** The part below {@code exchange}: its rows go to {@code sink} (the repartition writer). */
    public Pipeline instantiateBelow(StreamNode.Exchange exchange, ChangeCollector sink) {
        return Pipeline.build(exchange.input(), sink);
    }

    /** The part above {@code exchange}: its input rows enter at {@link Pipeline#EXCHANGE_INPUT}. */
    public Pipeline instantiateAbove(StreamNode.Exchange exchange, ChangeCollector sink) {
        return Pipeline.build(root, sink, exchange);
    }

    /** The plan as EXPLAIN prints it: one operator per line, indented by depth, with mode and state. */
    public String explain() {
        StringBuilder sb = new StringBuilder();
        explain(root, 0, sb);
        return sb.toString();
    }

    private static void explain(StreamNode node, int depth, StringBuilder sb) {
        sb.append("  ".repeat(depth))
                .append(node.describe())
                .append(" [")
                .append(node.mode().label());
        if (!node.state().isEmpty()) {
            sb.append("; state: ").append(node.state());
        }
        sb.append("]\n");
        for (StreamNode in : node.inputs()) {
            explain(in, depth + 1, sb);
        }
    }
}
