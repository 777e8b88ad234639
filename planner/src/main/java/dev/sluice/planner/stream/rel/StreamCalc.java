package dev.sluice.planner.stream.rel;

import dev.sluice.planner.stream.ChangelogMode;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rex.RexProgram;

/**
 * Filter and projection in one program. Stateless; it keeps its input's mode because it rewrites an
 * update pair whose predicate flips into an insert or a delete, for which it needs the before-image
 * (so no upserts in).
 */
public final class StreamCalc extends Calc implements StreamRel {
    public StreamCalc(RelOptCluster cluster, RelTraitSet traits, RelNode input, RexProgram program) {
        super(cluster, traits, List.of(), input, program);
    }

    @Override
    public Calc copy(RelTraitSet traitSet, RelNode child, RexProgram program) {
        return new StreamCalc(getCluster(), traitSet, child, program);
    }

    @Override
    public ChangelogMode emits(List<ChangelogMode> inputs) {
        return inputs.get(0);
    }
}
