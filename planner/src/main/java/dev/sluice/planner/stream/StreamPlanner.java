package dev.sluice.planner.stream;

import dev.sluice.common.SluiceException;
import dev.sluice.common.types.Column;
import dev.sluice.planner.calcite.CalciteErrors;
import dev.sluice.planner.calcite.CalciteTypes;
import dev.sluice.planner.calcite.RelationReader;
import dev.sluice.planner.calcite.SluiceTable;
import dev.sluice.planner.calcite.SqlToRel;
import dev.sluice.planner.catalog.CatalogSnapshot;
import dev.sluice.planner.stream.rel.ChangelogModeInference;
import dev.sluice.planner.stream.rel.StreamRel;
import dev.sluice.planner.stream.rel.StreamRules;
import dev.sluice.planner.stream.rel.StreamSink;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.plan.ConventionTraitDef;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.plan.volcano.VolcanoPlanner;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.core.Union;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.sql.SqlNode;

/**
 * Plans a continuous query (the SELECT of CREATE STREAM/TABLE/MATERIALIZED VIEW AS, a push query).
 *
 * <ol>
 *   <li>Validate and convert to a logical plan, exactly as pull queries do ({@link SqlToRel}).
 *   <li>Rewrite in named {@link HepPlanner} phases ({@link #PHASES}): sub-queries to joins, AVG and
 *       friends to SUM/COUNT (so results agree with pull queries to the digit), UNION to UNION ALL
 *       plus DISTINCT, filters and projections merged into one {@code Calc} per chain.
 *   <li>{@value #PHYSICAL_PHASE}: the converter rules ({@code StreamRules}) turn the logical rels
 *       into the STREAM convention ({@code StreamRel}) in a {@code VolcanoPlanner}: a source scan,
 *       calc, group aggregate (with a {@code StreamExchange} by the group key under every one) and
 *       union all. A logical rel no rule converts (join, sort, window, values, intersect, minus,
 *       table functions) is refused with 0A000 naming it before Volcano runs.
 *   <li>{@value #CHANGELOG_PHASE}: {@code ChangelogModeInference} gives every rel its changelog mode
 *       bottom-up, puts a {@code StreamChangelogNormalize} above each upsert input whose consumer
 *       needs retractions (today: right above every table and view source), and checks the root
 *       {@code StreamSink}'s requirement (a stream takes only inserts).
 *   <li>Translate the STREAM rels into the executable plan ({@link StreamNode} records, as Flink
 *       turns physical rels into ExecNodes): expressions compiled, aggregate calls mapped to the
 *       executor's functions. {@link Pipeline} builds operators from it; the server reads it.
 * </ol>
 *
 * <p>Why Volcano for a conversion without choices: converter rules only match rels that carry
 * {@code Convention.NONE}, and a {@code HepPlanner}'s trait sets hold no convention at all, so the
 * query's cluster belongs to the Volcano planner from the start (the Hep phases run on it all the
 * same). The rules are where alternatives go when they come (lookup vs. symmetric hash join).
 */
public final class StreamPlanner {
    /** The logical rewrite phases, in order, by name. */
    static final Map<String, HepProgram> PHASES = phases();

    /** The phase after {@link #PHASES}: converter rules to the STREAM convention, in Volcano. */
    static final String PHYSICAL_PHASE = "stream-physical";

    /** The last phase: {@link ChangelogModeInference} over the STREAM plan. */
    static final String CHANGELOG_PHASE = "changelog-mode";

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
     * Plans a continuous query whose result goes to a push query (any changelog the client can be
     * shown: inserts, or full-row updates and deletes).
     *
     * @param query the SELECT, with positions relative to {@code sql}
     * @param sql the statement text, for error positions
     */
    public StreamPlan plan(CatalogSnapshot snapshot, SqlNode query, String sql) {
        return plan(snapshot, query, sql, StreamSink.Target.PUSH);
    }

    /**
     * Plans a continuous query for a consumer; a result the consumer cannot take (updates into a
     * stream) is refused with 0A000 naming the operator that makes them.
     */
    public StreamPlan plan(CatalogSnapshot snapshot, SqlNode query, String sql, StreamSink.Target target) {
        try {
            return planUnchecked(snapshot, query, target);
        } catch (SluiceException e) {
            throw e;
        } catch (ExceptionInInitializerError e) {
            throw CalciteErrors.runtime(e);
        } catch (RuntimeException | AssertionError e) {
            throw CalciteErrors.translate(e, sql);
        }
    }

    private StreamPlan planUnchecked(CatalogSnapshot snapshot, SqlNode query, StreamSink.Target target) {
        Physical physical = physical(snapshot, query, target);
        StreamNodeTranslator translator = new StreamNodeTranslator(
                physical.inferred(), physical.sink().getCluster().getRexBuilder());
        StreamNode node = translator.translate(physical.inferred().root().getInput());
        List<Column> columns = CalciteTypes.toColumns(physical.validatedRowType());
        if (node.rowType().getFieldCount() != columns.size()) {
            throw new IllegalStateException(
                    "plan has " + node.rowType().getFieldCount() + " columns, query " + columns.size());
        }
        return new StreamPlan(node, columns, translator.sources(), outputKey(node));
    }

    /** A query through every phase up to the changelog modes: what the executable plan is made of. */
    record Physical(StreamSink sink, ChangelogModeInference.Result inferred, RelDataType validatedRowType) {
        /** The STREAM plan, one rel per line, indented, each with its changelog mode. */
        String explain() {
            StringBuilder sb = new StringBuilder();
            explain(inferred.root(), 0, sb);
            return sb.toString();
        }

        private void explain(RelNode rel, int depth, StringBuilder sb) {
            String line = RelOptUtil.toString(rel).lines().findFirst().orElseThrow();
            sb.append("  ".repeat(depth))
                    .append(line)
                    .append(" [")
                    .append(inferred.mode(rel).label())
                    .append("]\n");
            for (RelNode in : rel.getInputs()) {
                explain(in, depth + 1, sb);
            }
        }
    }

    Physical physical(CatalogSnapshot snapshot, SqlNode query, StreamSink.Target target) {
        // The cluster belongs to a VolcanoPlanner with the convention trait, so that logical rels
        // carry Convention.NONE for the converter rules to match; the Hep phases do not mind.
        VolcanoPlanner volcano = new VolcanoPlanner();
        volcano.addRelTraitDef(ConventionTraitDef.INSTANCE);
        StreamRules.CONVERTERS.forEach(volcano::addRule);
        SqlToRel.Converted converted = SqlToRel.convert(snapshot, reader, query, volcano);
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
        StreamRel stream = toStream(volcano, rel);
        StreamSink sink = new StreamSink(stream.getCluster(), stream.getTraitSet(), stream, target);
        return new Physical(sink, ChangelogModeInference.infer(sink), root.validatedRowType);
    }

    /**
     * The {@value #PHYSICAL_PHASE} phase: logical rels to the STREAM convention with the converter
     * rules ({@link StreamRules}).
     *
     * <ol>
     *   <li>Every logical rel must match a converter rule. The first one (top-down, so ORDER BY over a
     *       join is reported as ORDER BY) that does not is refused with 0A000 naming it before the
     *       Volcano planner runs, because its {@code CannotPlanException} is a dump of the planner's
     *       state, not something to show a user.
     *   <li>Volcano converts the tree. With one streaming implementation per logical operator there
     *       is no choice to cost yet; the rules are where alternatives (lookup vs. symmetric hash
     *       join) will go.
     * </ol>
     */
    private static StreamRel toStream(VolcanoPlanner volcano, RelNode logical) {
        RelNode unsupported = firstWithoutRule(logical);
        if (unsupported != null) {
            throw refusal(unsupported);
        }
        volcano.setRoot(volcano.changeTraits(logical, logical.getTraitSet().replace(StreamRel.CONVENTION)));
        try {
            return (StreamRel) volcano.findBestExp();
        } catch (RelOptPlanner.CannotPlanException e) {
            String message = String.valueOf(e.getMessage());
            throw new IllegalStateException(
                    "phase " + PHYSICAL_PHASE + ": "
                            + message.lines().findFirst().orElse(message),
                    e);
        }
    }

    private static RelNode firstWithoutRule(RelNode rel) {
        boolean converts = false;
        for (RelOptRule rule : StreamRules.CONVERTERS) {
            converts |= rule.getOperand().matches(rel);
        }
        if (!converts) {
            return rel;
        }
        for (RelNode input : rel.getInputs()) {
            RelNode unsupported = firstWithoutRule(input);
            if (unsupported != null) {
                return unsupported;
            }
        }
        return null;
    }

    private static SluiceException refusal(RelNode rel) {
        if (rel instanceof TableScan scan && scan.getTable().unwrap(SluiceTable.class) == null) {
            return SluiceException.notSupported(
                    "reading " + scan.getTable().getQualifiedName() + " in a continuous query");
        }
        if (rel instanceof Union union && !union.all) {
            return SluiceException.notSupported("UNION without ALL in a continuous query");
        }
        return SluiceException.notSupported(operatorName(rel) + " in a continuous query")
                .withHint(hint(rel));
    }

    private static String operatorName(RelNode rel) {
        if (rel instanceof Calc calc && calc.containsOver()) {
            return "window functions (OVER)";
        }
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
        if (rel instanceof Calc calc && calc.containsOver()) {
            return "window functions in continuous queries are planned for a later release; pull queries support them";
        }
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
