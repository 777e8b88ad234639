package dev.sluice.planner.stream.rel;

import dev.sluice.planner.stream.ChangelogMode;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.SetOp;
import org.apache.calcite.rel.core.Union;

/**
 * UNION ALL: every input's changes, unchanged. (UNION is UNION ALL under a DISTINCT by then, see
 * the {@code aggregate-reduction} phase.) Retract as soon as one input retracts.
 */
public final class StreamUnion extends Union implements StreamRel {
    public StreamUnion(RelOptCluster cluster, RelTraitSet traits, List<RelNode> inputs) {
        super(cluster, traits, List.of(), inputs, true);
    }

    @Override
    public SetOp copy(RelTraitSet traitSet, List<RelNode> inputs, boolean all) {
        if (!all) {
            throw new IllegalArgumentException("a streaming union is UNION ALL");
        }
        return new StreamUnion(getCluster(), traitSet, inputs);
    }

    @Override
    public ChangelogMode emits(List<ChangelogMode> inputs) {
        return StreamRel.passThrough(inputs);
    }
}
