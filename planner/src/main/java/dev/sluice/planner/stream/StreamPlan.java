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
