package dev.sluice.planner.stream.rel;

import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.logical.LogicalAggregate;

/**
 * {@code LogicalAggregate} to {@link StreamGroupAggregate} over a {@link StreamExchange} by the group
 * key (one task for a global aggregate).
 *
 * <p>The exchange is placed here rather than enforced through a {@code RelDistribution} trait: the
 * aggregate is the only operator that needs a distribution, it needs one under every aggregate (the
 * server, not the planner, decides whether it becomes a repartition topic or a pass-through inside
 * one task), and so there is no choice for the planner to cost.
 */
public final class StreamGroupAggregateRule extends ConverterRule {
    public static final StreamGroupAggregateRule INSTANCE = Config.INSTANCE
            .withConversion(LogicalAggregate.class, Convention.NONE, StreamRel.CONVENTION, "StreamGroupAggregateRule")
            .withRuleFactory(StreamGroupAggregateRule::new)
            .toRule(StreamGroupAggregateRule.class);

    private StreamGroupAggregateRule(Config config) {
        super(config);
    }

    @Override
    public RelNode convert(RelNode rel) {
        LogicalAggregate agg = (LogicalAggregate) rel;
        RelTraitSet traits = agg.getTraitSet().replace(StreamRel.CONVENTION);
        RelNode input = convert(agg.getInput(), StreamRel.CONVENTION);
        StreamExchange exchange = new StreamExchange(
                agg.getCluster(), traits, input, StreamGroupAggregate.distributionBy(agg.getGroupSet()));
        return new StreamGroupAggregate(agg.getCluster(), traits, exchange, agg.getGroupSet(), agg.getAggCallList());
    }
}
