package dev.sluice.planner.stream.rel;

import dev.sluice.planner.stream.ChangelogMode;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;

/**
 * The root of a streaming physical plan: whoever consumes the result, and the changelog mode it
 * needs. It is the root requirement of the changelog-mode pass; it is not an operator of its own
 * (the executor's sink is whatever the server hands the pipeline).
 */
public final class StreamSink extends SingleRel implements StreamRel {

    /** Who consumes the result. */
    public enum Target {
        /**
         * A push query ({@code EMIT CHANGES}, {@code SUBSCRIBE}): prints {@code +I} rows, or {@code
         * -U/+U/-D} with the full row, which is why upserts are normalized first.
         */
        PUSH("a push query", StreamRel.INSERT_OR_RETRACT),
        /** CREATE STREAM AS, INSERT INTO a stream: a stream only grows. */
        STREAM("a stream", Collections.unmodifiableSet(EnumSet.of(ChangelogMode.INSERT_ONLY))),
        /**
         * CREATE TABLE AS, CREATE MATERIALIZED VIEW, a sink connector: upserts by the result's key,
         * which the server derives from full rows (a {@code -U} whose key differs from its {@code +U}
         * is a delete of the old key), so it wants retractions too.
         */
        TABLE("a table or materialized view", StreamRel.INSERT_OR_RETRACT);

        private final String description;
        private final Set<ChangelogMode> accepts;

        Target(String description, Set<ChangelogMode> accepts) {
            this.description = description;
            this.accepts = accepts;
        }

        /** How messages name the consumer: "a stream". */
        public String description() {
            return description;
        }
    }

    private final Target target;

    public StreamSink(RelOptCluster cluster, RelTraitSet traits, RelNode input, Target target) {
        super(cluster, traits, input);
        this.target = target;
    }

    public Target target() {
        return target;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new StreamSink(getCluster(), traitSet, sole(inputs), target);
    }

    @Override
    public Set<ChangelogMode> accepts(int input) {
        return target.accepts;
    }

    @Override
    public ChangelogMode emits(List<ChangelogMode> inputs) {
        return inputs.get(0);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return super.explainTerms(pw).item("target", target.name().toLowerCase(Locale.ROOT));
    }
}
