package dev.sluice.planner.stream.rel;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.logical.LogicalUnion;

/** {@code LogicalUnion} with ALL to {@link StreamUnion}. */
public final class StreamUnionRule extends ConverterRule {
    public static final StreamUnionRule INSTANCE = Config.INSTANCE
            .withConversion(
                    LogicalUnion.class,
                    (LogicalUnion union) -> union.all,
                    Convention.NONE,
                    StreamRel.CONVENTION,
                    "StreamUnionRule")
            .withRuleFactory(StreamUnionRule::new)
            .toRule(StreamUnionRule.class);

    private StreamUnionRule(Config config) {
        super(config);
    }

    @Override
    public RelNode convert(RelNode rel) {
        LogicalUnion union = (LogicalUnion) rel;
        List<RelNode> inputs = new ArrayList<>();
        for (RelNode input : union.getInputs()) {
            inputs.add(convert(input, StreamRel.CONVENTION));
        }
        return new StreamUnion(union.getCluster(), union.getTraitSet().replace(StreamRel.CONVENTION), inputs);
    }
}
