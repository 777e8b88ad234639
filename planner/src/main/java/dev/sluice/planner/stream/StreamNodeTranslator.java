package dev.sluice.planner.stream;

import dev.sluice.common.SluiceException;
import dev.sluice.executor.stream.AggFunction;
import dev.sluice.executor.stream.AggregateCall;
import dev.sluice.planner.calcite.CalciteTypes;
import dev.sluice.planner.catalog.Relation;
import dev.sluice.planner.stream.rel.ChangelogModeInference;
import dev.sluice.planner.stream.rel.StreamCalc;
import dev.sluice.planner.stream.rel.StreamChangelogNormalize;
import dev.sluice.planner.stream.rel.StreamExchange;
import dev.sluice.planner.stream.rel.StreamGroupAggregate;
import dev.sluice.planner.stream.rel.StreamTableSourceScan;
import dev.sluice.planner.stream.rel.StreamUnion;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.sql.SqlKind;

/**
 * Translates a STREAM plan whose changelog modes are inferred into {@link StreamNode} records, the
 * executable plan: expressions compiled, aggregate calls mapped to the executor's functions. What
 * the executor cannot run yet (an aggregate function without an accumulator, GROUPING SETS) is
 * refused here with 0A000, inputs first, so the deepest problem is reported.
 */
final class StreamNodeTranslator {
    private final ChangelogModeInference.Result inferred;
    private final RexBuilder rexBuilder;
    private final List<Relation> sources = new ArrayList<>();

    StreamNodeTranslator(ChangelogModeInference.Result inferred, RexBuilder rexBuilder) {
        this.inferred = inferred;
        this.rexBuilder = rexBuilder;
    }

    /** The relations read so far, each once, in the order the plan reads them. */
    List<Relation> sources() {
        return sources;
    }

    StreamNode translate(RelNode rel) {
        ChangelogMode mode = inferred.mode(rel);
        if (rel instanceof StreamTableSourceScan scan) {
            Relation relation = scan.relation();
            if (!sources.contains(relation)) {
                sources.add(relation);
            }
            return new StreamNode.Source(relation, scan.getRowType(), mode);
        }
        if (rel instanceof StreamChangelogNormalize normalize) {
            return new StreamNode.Normalize(translate(normalize.getInput()), normalize.key(), mode);
        }
        if (rel instanceof StreamCalc calc) {
            StreamNode input = translate(calc.getInput());
            RexProgram program = calc.getProgram();
            return new StreamNode.Calc(input, program, ExpressionCompiler.compile(program, rexBuilder), mode);
        }
        if (rel instanceof StreamExchange exchange) {
            return new StreamNode.Exchange(translate(exchange.getInput()), exchange.keys(), mode);
        }
        if (rel instanceof StreamGroupAggregate agg) {
            return aggregate(agg, translate(agg.getInput()), mode);
        }
        if (rel instanceof StreamUnion union) {
            List<StreamNode> inputs = new ArrayList<>();
            for (RelNode in : union.getInputs()) {
                inputs.add(translate(in));
            }
            return new StreamNode.Union(inputs, union.getRowType(), mode);
        }
        throw new IllegalStateException("no executable node for " + rel.getRelTypeName());
    }

    private static StreamNode aggregate(StreamGroupAggregate agg, StreamNode input, ChangelogMode mode) {
        if (agg.getGroupType() != Aggregate.Group.SIMPLE) {
            throw SluiceException.notSupported("GROUPING SETS, ROLLUP and CUBE in a continuous query");
        }
        int[] groupKey = agg.getGroupSet().toArray();
        List<AggregateCall> calls = new ArrayList<>();
        List<String> text = new ArrayList<>();
        for (org.apache.calcite.rel.core.AggregateCall call : agg.getAggCallList()) {
            if (!call.collation.getFieldCollations().isEmpty()) {
                throw SluiceException.notSupported("an ordered aggregate (WITHIN GROUP / ORDER BY in "
                        + call.getAggregation().getName() + ") in a continuous query");
            }
            AggFunction function = function(call);
            int[] args = call.getArgList().stream().mapToInt(Integer::intValue).toArray();
            calls.add(new AggregateCall(
                    function, args, call.isDistinct(), call.filterArg, CalciteTypes.toSqlType(call.getType())));
            text.add(call.toString());
        }
        return new StreamNode.GroupAggregate(input, groupKey, calls, text, agg.getRowType(), mode);
    }

    private static AggFunction function(org.apache.calcite.rel.core.AggregateCall call) {
        SqlKind kind = call.getAggregation().getKind();
        String name = call.getAggregation().getName();
        return switch (kind) {
            case COUNT -> AggFunction.COUNT;
            case SUM -> AggFunction.SUM;
            case SUM0 -> AggFunction.SUM0;
            case AVG -> AggFunction.AVG;
            case MIN ->
                name.equalsIgnoreCase("BOOL_AND") || name.equalsIgnoreCase("EVERY")
                        ? AggFunction.BOOL_AND
                        : AggFunction.MIN;
            case MAX ->
                name.equalsIgnoreCase("BOOL_OR") || name.equalsIgnoreCase("SOME")
                        ? AggFunction.BOOL_OR
                        : AggFunction.MAX;
            case STRING_AGG, LISTAGG -> {
                if (call.getArgList().size() != 2) {
                    throw SluiceException.notSupported(name + " without a delimiter in a continuous query")
                            .withHint("write " + name + "(value, ',')");
                }
                yield AggFunction.STRING_AGG;
            }
            default -> throw SluiceException.notSupported("the aggregate " + name + " in a continuous query");
        };
    }
}
