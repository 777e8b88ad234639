package dev.sluice.planner.stream.rel;

import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.logical.LogicalCalc;

/**
 * {@code LogicalCalc} to {@link StreamCalc}. A program with window functions ({@code OVER}) does not
 * match: a streaming window operator does not exist yet, so it stays logical and is refused.
 */
public final class StreamCalcRule extends ConverterRule {
    public static final StreamCalcRule INSTANCE = Config.INSTANCE
            .withConversion(
                    LogicalCalc.class,
                    (LogicalCalc calc) -> !calc.containsOver(),
                    Convention.NONE,
                    StreamRel.CONVENTION,
                    "StreamCalcRule")
            .withRuleFactory(StreamCalcRule::new)
            .toRule(StreamCalcRule.class);

    private StreamCalcRule(Config config) {
        super(config);
    }

    @Override
    public RelNode convert(RelNode rel) {
        LogicalCalc calc = (LogicalCalc) rel;
        return new StreamCalc(
                calc.getCluster(),
                calc.getTraitSet().replace(StreamRel.CONVENTION),
                convert(calc.getInput(), StreamRel.CONVENTION),
                calc.getProgram());
    }
}
