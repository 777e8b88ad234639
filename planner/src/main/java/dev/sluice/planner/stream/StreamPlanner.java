package dev.sluice.planner.stream;

import dev.sluice.common.SluiceException;
import dev.sluice.common.types.Column;
import dev.sluice.executor.stream.AggFunction;
import dev.sluice.executor.stream.AggregateCall;
import dev.sluice.planner.calcite.CalciteErrors;
import dev.sluice.planner.calcite.CalciteTypes;
import dev.sluice.planner.calcite.RelationReader;
import dev.sluice.planner.calcite.SluiceTable;
import dev.sluice.planner.calcite.SqlToRel;
import dev.sluice.planner.catalog.CatalogSnapshot;
import dev.sluice.planner.catalog.Relation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.core.Union;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;

/**
 * Plans a continuous query (the SELECT of CREATE STREAM/TABLE/MATERIALIZED VIEW AS, a push query).
 *
 * <ol>
 *   <li>Validate and convert to a logical plan, exactly as pull queries do ({@link SqlToRel}).
 *   <li>Rewrite in named {@link HepPlanner} phases ({@link #PHASES}): sub-queries to joins, AVG and
 *       friends to SUM/COUNT (so results agree with pull queries to the digit), UNION to UNION ALL
 *       plus DISTINCT, filters and projections merged into one {@code Calc} per chain.
 *   <li>Translate into the streaming physical plan ({@link StreamNode}): each logical operator maps
 *       to one streaming operator or is refused with 0A000 naming it.
 *   <li>Changelog modes are inferred bottom-up as the nodes are built: table and view sources emit
 *       upserts and are followed by a normalize step that turns them into retractions, which every
 *       stateful operator here can consume.
 * </ol>
 *
 * <p>Design note: the physical plan is a tree of records rather than Calcite {@code RelNode}s in a
 * STREAM convention with converter rules. Every logical operator has exactly one streaming
 * implementation today, so rule-based selection would add no choice; revisit when joins bring
 * alternatives (see docs/continuous-queries.md).
 */
public final class StreamPlanner {
    /** The rewrite phases, in order, by name (shown by EXPLAIN's header and in errors). */
    static final Map<String, HepProgram> PHASES = phases();

    private final RelationReader reader;

    public StreamPlanner(RelationReader reader) {
        this.reader = reader;
    }

    private static Map<String, HepProgram> phases() {
        Map<String, HepProgram> phases = new LinkedHashMap<>();
        phases.put(
                "subquery-removal",
                new HepProgramBuilder()
                        .addRuleInstance(CoreRules.FILTER_SUB_QUERY_TO_CORRELATE)
                        .addRuleInstance(CoreRules.PROJECT_SUB_QUERY_TO_CORRELATE)
                        .build());
        phases.put(
                "aggregate-reduction",
                new HepProgramBuilder()
                        .addRuleInstance(CoreRules.AGGREGATE_REDUCE_FUNCTIONS)
                        .addRuleInstance(CoreRules.UNION_TO_DISTINCT)
                        .build());
        phases.put(
                "calc-merge",
                new HepProgramBuilder()
                        .addMatchOrder(HepMatchOrder.BOTTOM_UP)
                        .addRuleInstance(CoreRules.FILTER_TO_CALC)
                        .addRuleInstance(CoreRules.PROJECT_TO_CALC)
                        .addRuleInstance(CoreRules.CALC_MERGE)
                        .addRuleInstance(CoreRules.CALC_REMOVE)
                        .build());
        return phases;
    }

    /**
     * @param query the SELECT, with positions relative to {@code sql}
     * @param sql the statement text, for error positions
     */
    public StreamPlan plan(CatalogSnapshot snapshot, SqlNode query, String sql) {
        try {
            return planUnchecked(snapshot, query);
        } catch (SluiceException e) {
            throw e;
        } catch (ExceptionInInitializerError e) {
            throw CalciteErrors.runtime(e);
        } catch (RuntimeException | AssertionError e) {
            throw CalciteErrors.translate(e, sql);
        }
    }

    private StreamPlan planUnchecked(CatalogSnapshot snapshot, SqlNode query) {
        HepPlanner hep = new HepPlanner(HepProgram.builder().build());
        SqlToRel.Converted converted = SqlToRel.convert(snapshot, reader, query, hep);
        if (converted.parameterRowType().getFieldCount() > 0) {
            throw SluiceException.notSupported("parameters ($1, ?) in a continuous query");
        }
        RelRoot root = converted.root();
        RelNode rel = root.project();
        for (HepProgram phase : PHASES.values()) {
            HepPlanner planner = new HepPlanner(phase);
            planner.setRoot(rel);
            rel = planner.findBestExp();
        }
        RexBuilder rexBuilder = rel.getCluster().getRexBuilder();
        List<Relation> sources = new ArrayList<>();
        StreamNode node = translate(rel, rexBuilder, sources);
        List<Column> columns = CalciteTypes.toColumns(root.validatedRowType);
        if (node.rowType().getFieldCount() != columns.size()) {
            throw new IllegalStateException(
                    "plan has " + node.rowType().getFieldCount() + " columns, query " + columns.size());
        }
        return new StreamPlan(node, columns, sources, outputKey(node));
    }

    private StreamNode translate(RelNode rel, RexBuilder rexBuilder, List<Relation> sources) {
        if (rel instanceof TableScan scan) {
            SluiceTable table = scan.getTable().unwrap(SluiceTable.class);
            if (table == null) {
                throw SluiceException.notSupported(
                        "reading " + scan.getTable().getQualifiedName() + " in a continuous query");
            }
            Relation relation = table.relation();
            if (!sources.contains(relation)) {
                sources.add(relation);
            }
            StreamNode source = new StreamNode.Source(relation, scan.getRowType());
            if (relation.kind().isKeyed()) {
                return new StreamNode.Normalize(source, relation.schema().keyIndexes());
            }
            return source;
        }
        if (rel instanceof Calc calc) {
            StreamNode input = translate(calc.getInput(), rexBuilder, sources);
            RexProgram program = calc.getProgram();
            return new StreamNode.Calc(input, program, ExpressionCompiler.compile(program, rexBuilder));
        }
        if (rel instanceof Aggregate agg) {
            return aggregate(agg, translate(agg.getInput(), rexBuilder, sources));
        }
        if (rel instanceof Union union) {
            if (!union.all) {
                throw SluiceException.notSupported("UNION without ALL in a continuous query");
            }
            List<StreamNode> inputs = new ArrayList<>();
            for (RelNode in : union.getInputs()) {
                inputs.add(translate(in, rexBuilder, sources));
            }
            return new StreamNode.Union(inputs, union.getRowType());
        }
        throw SluiceException.notSupported(operatorName(rel) + " in a continuous query")
                .withHint(hint(rel));
    }

    private static StreamNode aggregate(Aggregate agg, StreamNode input) {
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
        return new StreamNode.GroupAggregate(
                new StreamNode.Exchange(input, groupKey), groupKey, calls, text, agg.getRowType());
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

    private static String operatorName(RelNode rel) {
        String type = rel.getRelTypeName().replace("Logical", "");
        return switch (type) {
            case "Join", "Correlate" -> "JOIN (and IN/EXISTS sub-queries)";
            case "Sort" -> "ORDER BY / LIMIT / OFFSET";
            case "Values" -> "a query without FROM";
            case "Window" -> "window functions (OVER)";
            case "Intersect" -> "INTERSECT";
            case "Minus" -> "EXCEPT";
            case "TableFunctionScan" -> "table functions";
            default -> type;
        };
    }

    private static String hint(RelNode rel) {
        String type = rel.getRelTypeName();
        if (type.contains("Sort")) {
            return "a continuous query has no end to sort; run it as a pull query (without EMIT/AS), "
                    + "or keep top-N per group with ROW_NUMBER() in a later release";
        }
        if (type.contains("Join") || type.contains("Correlate")) {
            return "joins in continuous queries are planned for a later release; pull queries support them";
        }
        return null;
    }

    /**
     * The columns that identify an output row (its primary key when materialized), or null when the
     * output has no key: a group aggregate's group columns, a table's key kept through projections.
     */
    static int[] outputKey(StreamNode node) {
        if (node instanceof StreamNode.GroupAggregate g) {
            int[] key = new int[g.groupKey().length];
            for (int i = 0; i < key.length; i++) {
                key[i] = i;
            }
            return key;
        }
        if (node instanceof StreamNode.Normalize n) {
            return n.key();
        }
        if (node instanceof StreamNode.Source s) {
            return s.relation().kind().isKeyed() ? s.relation().schema().keyIndexes() : null;
        }
        if (node instanceof StreamNode.Calc c) {
            int[] inputKey = outputKey(c.input());
            if (inputKey == null) {
                return null;
            }
            RexProgram program = c.program();
            int[] out = new int[inputKey.length];
            for (int k = 0; k < inputKey.length; k++) {
                out[k] = -1;
                List<org.apache.calcite.rex.RexLocalRef> projects = program.getProjectList();
                for (int i = 0; i < projects.size(); i++) {
                    var expr = program.expandLocalRef(projects.get(i));
                    if (expr instanceof org.apache.calcite.rex.RexInputRef ref && ref.getIndex() == inputKey[k]) {
                        out[k] = i;
                        break;
                    }
                }
                if (out[k] < 0) {
                    return null;
                }
            }
            return out;
        }
        return null;
    }

    static RelDataType rowType(StreamNode node) {
        return node.rowType();
    }
}
