package dev.sluice.planner.stream.rel;

import dev.sluice.planner.stream.ChangelogMode;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;

/**
 * A relational expression of the STREAM convention: one continuous operator of a streaming physical
 * plan. Besides what every {@code RelNode} says, each one states its changelog contract, which the
 * changelog-mode pass ({@link ChangelogModeInference}) checks and completes bottom-up:
 *
 * <ul>
 *   <li>{@link #accepts}: the modes it can consume from an input;
 *   <li>{@link #emits}: the mode it produces, given its inputs' modes;
 *   <li>{@link #upsertKey}: when it emits upserts, the columns they are keyed by (what a
 *       {@link StreamChangelogNormalize} above it remembers rows by).
 * </ul>
 */
public interface StreamRel extends RelNode {
    /** The streaming calling convention; the converter rules ({@link StreamRules}) produce it. */
    Convention CONVENTION = new Convention.Impl("STREAM", StreamRel.class);

    /** Insert-only or retract: what an operator that must see before-images can consume. */
    Set<ChangelogMode> INSERT_OR_RETRACT =
            Collections.unmodifiableSet(EnumSet.of(ChangelogMode.INSERT_ONLY, ChangelogMode.RETRACT));

    /** Every mode: an operator that passes changes on without looking at their kind. */
    Set<ChangelogMode> ANY_MODE = Collections.unmodifiableSet(EnumSet.allOf(ChangelogMode.class));

    /**
     * The modes this operator can consume from input {@code input}. The default is insert-only or
     * retract: a filter, projection or aggregate has to see the row an update replaces (a filter whose
     * predicate flips turns the update into a delete), which an upsert does not carry.
     */
    default Set<ChangelogMode> accepts(int input) {
        return INSERT_OR_RETRACT;
    }

    /** The mode of the changes this operator emits when its inputs emit {@code inputs}. */
    ChangelogMode emits(List<ChangelogMode> inputs);

    /** The columns this operator's upserts are keyed by, or null when it does not emit upserts. */
    default int[] upsertKey() {
        return null;
    }

    /** The operator as errors name it: its type and its main arguments, without expressions. */
    default String label() {
        return getRelTypeName();
    }

    /** Retract if any input is not insert-only, else insert-only: an operator that passes rows on. */
    static ChangelogMode passThrough(List<ChangelogMode> inputs) {
        for (ChangelogMode mode : inputs) {
            if (mode != ChangelogMode.INSERT_ONLY) {
                return mode;
            }
        }
        return ChangelogMode.INSERT_ONLY;
    }
}
