package dev.sluice.planner.stream.rel;

import dev.sluice.planner.stream.ChangelogMode;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelDistribution;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Exchange;

/**
 * Sends every change to the task that owns the hash of its key columns, so the stateful operator
 * above sees all changes of a key in one place and in order; an empty key (a {@code SINGLETON}
 * distribution) sends everything to one task. It keeps the changes' kinds and order per key and
 * passes its input's mode on. It could carry upserts, but it takes inserts or retractions like its
 * consumers: an upsert input is normalized below it, next to its source, whose partitioning by key
 * already puts all changes of a key in one task. Whether it runs as a repartition topic or as a pass-through inside one task
 * is the server's decision, which is why the planner places one under every aggregate.
 */
public final class StreamExchange extends Exchange implements StreamRel {
    public StreamExchange(RelOptCluster cluster, RelTraitSet traits, RelNode input, RelDistribution distribution) {
        super(cluster, traits, input, distribution);
    }

    @Override
    public Exchange copy(RelTraitSet traitSet, RelNode newInput, RelDistribution newDistribution) {
        return new StreamExchange(getCluster(), traitSet, newInput, newDistribution);
    }

    /** The key columns; empty for a single task. */
    public int[] keys() {
        return distribution.getKeys().stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public ChangelogMode emits(List<ChangelogMode> inputs) {
        return inputs.get(0);
    }
}
