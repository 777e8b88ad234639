package dev.sluice.planner.stream.rel;

import dev.sluice.planner.stream.ChangelogMode;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelDistribution;
import org.apache.calcite.rel.RelDistributions;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * GROUP BY with aggregates, kept up to date per group. A GROUP BY without aggregate calls is
 * DISTINCT (SELECT DISTINCT and UNION arrive in that form) and is shown as such.
 *
 * <p>It emits retractions: a group's new result replaces its old one as a {@code -U/+U} pair, and a
 * group whose last row goes away is deleted. Its input must be distributed by the group key ({@link
 * #requiredDistribution}), so the converter rule always puts a {@link StreamExchange} under it.
 */
public final class StreamGroupAggregate extends Aggregate implements StreamRel {
    public StreamGroupAggregate(
            RelOptCluster cluster,
            RelTraitSet traits,
            RelNode input,
            ImmutableBitSet groupSet,
            List<AggregateCall> aggCalls) {
        super(cluster, traits, List.of(), input, groupSet, null, aggCalls);
    }

    @Override
    public Aggregate copy(
            RelTraitSet traitSet,
            RelNode input,
            ImmutableBitSet groupSet,
            List<ImmutableBitSet> groupSets,
            List<AggregateCall> aggCalls) {
        return new StreamGroupAggregate(getCluster(), traitSet, input, groupSet, aggCalls);
    }

    /** True for DISTINCT: a group key and no aggregate calls. */
    public boolean isDistinct() {
        return aggCalls.isEmpty();
    }

    /** Every change of a group has to reach the one task that keeps the group's state. */
    public RelDistribution requiredDistribution() {
        return distributionBy(groupSet);
    }

    /** Hash by the group columns; a global aggregate (no group columns) on a single task. */
    static RelDistribution distributionBy(ImmutableBitSet groupSet) {
        return groupSet.isEmpty() ? RelDistributions.SINGLETON : RelDistributions.hash(groupSet.asList());
    }

    @Override
    public ChangelogMode emits(List<ChangelogMode> inputs) {
        return ChangelogMode.RETRACT;
    }

    @Override
    public String label() {
        List<String> names = getInput().getRowType().getFieldNames();
        return "StreamGroupAggregate(" + (isDistinct() ? "distinct=" : "group=")
                + groupSet.asList().stream().map(names::get).toList() + ")";
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return super.explainTerms(pw).itemIf("distinct", true, isDistinct());
    }
}
