package dev.sluice.planner.stream.rel;

import dev.sluice.common.SluiceException;
import dev.sluice.common.SqlState;
import dev.sluice.planner.stream.ChangelogMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rel.RelNode;

/**
 * The changelog-mode pass over a STREAM plan (after Flink's changelog-mode inference, much reduced:
 * three modes, no update-before/after negotiation). Bottom-up, each operator is given its inputs'
 * modes and
 *
 * <ol>
 *   <li>where an input emits upserts and the operator wants retractions, a {@link
 *       StreamChangelogNormalize} by the input's upsert key is put between them (today that is right
 *       above every table or view source, since every operator needs before-images);
 *   <li>where an input emits a mode the operator cannot consume and no normalize helps, the plan is
 *       refused with 0A000 naming both operators; at the root that is the {@link StreamSink}'s
 *       requirement, e.g. a stream that only takes inserts;
 *   <li>the operator's own mode is {@link StreamRel#emits} of the (possibly normalized) inputs.
 * </ol>
 *
 * <p>Modes are kept beside the tree, by node identity, rather than as a trait: nothing is planned by
 * them after this pass, and the tree is rebuilt only where a normalize goes in.
 */
public final class ChangelogModeInference {

    /** The plan with normalizes in place, and every node's mode. */
    public record Result(StreamSink root, Map<RelNode, ChangelogMode> modes) {
        public ChangelogMode mode(RelNode rel) {
            ChangelogMode mode = modes.get(rel);
            if (mode == null) {
                throw new IllegalStateException("no changelog mode inferred for " + rel);
            }
            return mode;
        }
    }

    private final Map<RelNode, ChangelogMode> modes = new IdentityHashMap<>();

    private ChangelogModeInference() {}

    public static Result infer(StreamSink sink) {
        ChangelogModeInference pass = new ChangelogModeInference();
        StreamSink root = (StreamSink) pass.visit(sink);
        return new Result(root, Collections.unmodifiableMap(pass.modes));
    }

    private StreamRel visit(StreamRel rel) {
        List<RelNode> inputs = new ArrayList<>();
        List<ChangelogMode> inputModes = new ArrayList<>();
        boolean changed = false;
        for (int i = 0; i < rel.getInputs().size(); i++) {
            StreamRel input = visit((StreamRel) rel.getInput(i));
            ChangelogMode mode = modes.get(input);
            if (!rel.accepts(i).contains(mode)) {
                input = satisfy(rel, i, input, mode);
                mode = modes.get(input);
            }
            changed |= input != rel.getInput(i);
            inputs.add(input);
            inputModes.add(mode);
        }
        StreamRel out = changed ? (StreamRel) rel.copy(rel.getTraitSet(), inputs) : rel;
        modes.put(out, out.emits(inputModes));
        return out;
    }

    /** Step 1 and 2: normalize an upsert input for a consumer that takes retractions, or refuse. */
    private StreamRel satisfy(StreamRel consumer, int ordinal, StreamRel input, ChangelogMode mode) {
        int[] key = input.upsertKey();
        if (mode == ChangelogMode.UPSERT
                && key != null
                && consumer.accepts(ordinal).contains(ChangelogMode.RETRACT)) {
            StreamChangelogNormalize normalize =
                    new StreamChangelogNormalize(input.getCluster(), input.getTraitSet(), input, key);
            modes.put(normalize, normalize.emits(List.of(mode)));
            return normalize;
        }
        if (consumer instanceof StreamSink sink) {
            throw refuse(sink, input);
        }
        throw SluiceException.notSupported(consumer.label() + " over the " + mode.label() + " changes of "
                + origin(input).label() + " in a continuous query");
    }

    private SluiceException refuse(StreamSink sink, StreamRel input) {
        ChangelogMode mode = modes.get(input);
        return new SluiceException(
                SqlState.FEATURE_NOT_SUPPORTED,
                sink.target().description() + " needs a query whose result only grows, but "
                        + origin(input).label() + " updates and deletes rows (" + mode.label() + ")",
                null,
                "use CREATE TABLE AS or CREATE MATERIALIZED VIEW for aggregations and queries over tables",
                0,
                null);
    }

    /** The operator that first makes changes other than inserts: below it, everything only grows. */
    private StreamRel origin(StreamRel rel) {
        for (RelNode input : rel.getInputs()) {
            if (modes.get(input) != ChangelogMode.INSERT_ONLY) {
                return origin((StreamRel) input);
            }
        }
        return rel;
    }
}
