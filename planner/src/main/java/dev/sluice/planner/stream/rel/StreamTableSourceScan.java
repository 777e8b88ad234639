package dev.sluice.planner.stream.rel;

import dev.sluice.planner.calcite.SluiceTable;
import dev.sluice.planner.catalog.Relation;
import dev.sluice.planner.stream.ChangelogMode;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;

/**
 * Reads a relation's changes: a stream's appends, a table's or view's upserts from its changelog
 * topic, or the rows a connector source (Nexmark) generates. Columns first, then the pseudo-columns.
 */
public final class StreamTableSourceScan extends TableScan implements StreamRel {
    private final Relation relation;

    public StreamTableSourceScan(RelOptCluster cluster, RelTraitSet traits, RelOptTable table) {
        super(cluster, traits, List.of(), table);
        this.relation = table.unwrap(SluiceTable.class).relation();
    }

    public Relation relation() {
        return relation;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new StreamTableSourceScan(getCluster(), traitSet, table);
    }

    /** A table or view is its changelog topic: the last row per key wins, no before-images. */
    @Override
    public ChangelogMode emits(List<ChangelogMode> inputs) {
        return relation.kind().isKeyed() ? ChangelogMode.UPSERT : ChangelogMode.INSERT_ONLY;
    }

    @Override
    public int[] upsertKey() {
        return relation.kind().isKeyed() ? relation.schema().keyIndexes() : null;
    }

    @Override
    public String label() {
        return "StreamTableSourceScan(" + relation.name().displayName() + ", " + kind() + ")";
    }

    private String kind() {
        return relation.kind().sqlName().toLowerCase(Locale.ROOT);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return super.explainTerms(pw).item("kind", kind());
    }
}
