package dev.sluice.planner.stream.rel;

import dev.sluice.planner.stream.ChangelogMode;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;

/**
 * Turns an upsert changelog into a retract changelog by remembering the last row per key: an upsert
 * of a known key becomes {@code -U old, +U new}, a delete by key becomes {@code -D old}. No rule
 * makes it; the changelog-mode pass puts it on top of an upsert input whose consumer needs
 * retractions.
 */
public final class StreamChangelogNormalize extends SingleRel implements StreamRel {
    private final int[] key;

    public StreamChangelogNormalize(RelOptCluster cluster, RelTraitSet traits, RelNode input, int[] key) {
        super(cluster, traits, input);
        this.key = key.clone();
    }

    public int[] key() {
        return key.clone();
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new StreamChangelogNormalize(getCluster(), traitSet, sole(inputs), key);
    }

    @Override
    public Set<ChangelogMode> accepts(int input) {
        return ANY_MODE;
    }

    @Override
    public ChangelogMode emits(List<ChangelogMode> inputs) {
        return ChangelogMode.RETRACT;
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        List<String> names = getRowType().getFieldNames();
        return super.explainTerms(pw)
                .item("key", Arrays.stream(key).mapToObj(names::get).toList());
    }
}
