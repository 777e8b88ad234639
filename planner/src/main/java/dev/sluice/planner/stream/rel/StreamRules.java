package dev.sluice.planner.stream.rel;

import java.util.List;
import org.apache.calcite.plan.RelOptRule;

/** The converter rules from logical rels to the STREAM convention, one per streaming operator. */
public final class StreamRules {
    private StreamRules() {}

    public static final List<RelOptRule> CONVERTERS = List.of(
            StreamTableSourceScanRule.INSTANCE,
            StreamCalcRule.INSTANCE,
            StreamGroupAggregateRule.INSTANCE,
            StreamUnionRule.INSTANCE);
}
