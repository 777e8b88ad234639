package dev.sluice.planner.stream;

import dev.sluice.common.types.Column;
import dev.sluice.executor.stream.ChangeCollector;
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
     * The exchange at which the plan can run as two stages of parallel tasks, or null: the plan's
     * only exchange, by a non-empty key, over a part that keeps no state and only inserts (filters,
     * projections and unions over streams and sources). Tasks of the lower stage then write each row
     * to the partition of a repartition topic its key hashes to; tasks of the upper stage each own
     * some of those partitions, so every key's state lives in exactly one task. Changes below are
     * inserts only, so rows of one key that come from different lower tasks need no order.
     */
    public StreamNode.Exchange parallelExchange() {
        List<StreamNode.Exchange> found = new java.util.ArrayList<>();
        collectExchanges(root, found);
        if (found.size() != 1) {
            return null;
        }
        StreamNode.Exchange x = found.get(0);
        if (x.keys().length == 0 || x.mode() != ChangelogMode.INSERT_ONLY || !statelessInserts(x.input())) {
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

    private static boolean statelessInserts(StreamNode node) {
        if (node instanceof StreamNode.Source s) {
            return s.mode() == ChangelogMode.INSERT_ONLY;
        }
        if (!(node instanceof StreamNode.Calc) && !(node instanceof StreamNode.Union)) {
            return false;
        }
        for (StreamNode in : node.inputs()) {
            if (!statelessInserts(in)) {
                return false;
            }
        }
        return true;
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
