package dev.sluice.planner.calcite;

import dev.sluice.common.SluiceException;
import dev.sluice.common.types.Column;
import dev.sluice.common.types.SqlType;
import dev.sluice.planner.catalog.CatalogSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableInterpretable;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.plan.ConventionTraitDef;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.plan.volcano.VolcanoPlanner;
import org.apache.calcite.rel.RelCollationTraitDef;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;

/**
 * Compiles a pull query into a {@link CompiledQuery}.
 *
 * <p>Steps, in Calcite's standard order:
 *
 * <ol>
 *   <li>Validate the {@code SqlNode} against the catalog snapshot ({@link SluiceValidator}); this
 *       also infers parameter types.
 *   <li>Convert to a logical {@code RelNode} ({@code SqlToRelConverter}).
 *   <li>Optimize into the Enumerable convention ({@link Programs#standard()}: sub-query removal,
 *       decorrelation, field trimming, the Volcano planner with the default and bindable rules, so
 *       filters reach {@link SluiceTable} for key lookups).
 *   <li>Generate and compile Java for the plan once ({@code EnumerableInterpretable.toBindable}).
 * </ol>
 *
 * <p>Compilation costs milliseconds, so callers cache a {@link CompiledQuery} per prepared
 * statement and run it many times.
 */
public final class PullQueryCompiler {
    private final RelationReader reader;

    public PullQueryCompiler(RelationReader reader) {
        this.reader = reader;
    }

    /**
     * @param query the query, with positions relative to {@code sql}
     * @param sql the statement text, for error positions
     */
    public CompiledQuery compile(CatalogSnapshot snapshot, SqlNode query, String sql) {
        return compile(snapshot, query, sql, SqlToRel.DEFAULT_SEARCH_PATH);
    }

    /**
     * @param searchPath the schemas unqualified names are looked up in, after {@code pg_catalog}
     *     (the session's {@code search_path})
     */
    public CompiledQuery compile(CatalogSnapshot snapshot, SqlNode query, String sql, List<String> searchPath) {
        try {
            return compileUnchecked(snapshot, query, searchPath);
        } catch (SluiceException e) {
            throw e;
        } catch (ExceptionInInitializerError e) {
            // Constant folding ran generated code at planning time, and it failed (e.g. 1/0).
            throw CalciteErrors.runtime(e);
        } catch (RuntimeException | AssertionError e) {
            throw CalciteErrors.translate(e, sql);
        }
    }

    private CompiledQuery compileUnchecked(CatalogSnapshot snapshot, SqlNode query, List<String> searchPath) {
        VolcanoPlanner planner = new VolcanoPlanner();
        planner.addRelTraitDef(ConventionTraitDef.INSTANCE);
        planner.addRelTraitDef(RelCollationTraitDef.INSTANCE);
        RelOptUtil.registerDefaultRules(planner, false, true);
        // Only the bindable table scan is wanted (it pushes filters and projections into SluiceTable).
        // The interpreter's other operators lose to generated code and, in Calcite 1.42, get
        // aggregates wrong: BindableAggregate casts MIN/MAX of strings to Long and fails on BOOL_AND
        // and on DISTINCT mixed with plain aggregates (NPE "agg.state"). Regression test:
        // PullQueryCompilerTest.aggregatesTheInterpreterGotWrong.
        for (var rule : org.apache.calcite.interpreter.Bindables.RULES) {
            if (rule != org.apache.calcite.interpreter.Bindables.BINDABLE_TABLE_SCAN_RULE) {
                planner.removeRule(rule);
            }
        }
        SqlToRel.Converted converted = SqlToRel.convert(snapshot, reader, query, planner, searchPath);
        RelRoot relRoot = converted.root();
        RelDataType parameterRowType = converted.parameterRowType();
        CalciteSchema root = converted.schema();
        RelNode logical = relRoot.project();

        // Programs.standard() with its field trimming done apart: Calcite's RelFieldTrimmer fails on
        // some correlated sub-queries over UNNEST ("source #11 has no target in mapping", psql's \d
        // publication query); such a plan then runs untrimmed instead of not at all.
        var metadata = org.apache.calcite.rel.metadata.DefaultRelMetadataProvider.INSTANCE;
        logical = Programs.sequence(Programs.subQuery(metadata), Programs.decorrelate())
                .run(planner, logical, logical.getTraitSet(), List.of(), List.of());
        try {
            logical = Programs.trim().run(planner, logical, logical.getTraitSet(), List.of(), List.of());
        } catch (RuntimeException e) {
            // keep the untrimmed plan
        }
        Program program = Programs.standard(metadata, false);
        RelTraitSet desired =
                // The root's collation refers to relRoot.rel's fields; when the final projection drops a
                // sort key (ORDER BY a column not selected) it cannot be asked of the projection. The
                // Sort stays in the plan, and Enumerable projections keep their input's order.
                logical.getTraitSet()
                        .replace(EnumerableConvention.INSTANCE)
                        .replace(
                                relRoot.isRefTrivial()
                                        ? relRoot.collation
                                        : org.apache.calcite.rel.RelCollations.EMPTY);
        RelNode physical = program.run(planner, logical, desired, List.of(), List.of());

        Map<String, Object> internalParameters = new HashMap<>();
        var bindable = EnumerableInterpretable.toBindable(
                internalParameters, null, (EnumerableRel) physical, EnumerableRel.Prefer.ARRAY);

        List<Column> columns = ColumnOrigins.apply(
                CalciteTypes.toColumns(relRoot.validatedRowType),
                converted.fieldOrigins(),
                converted.directReferences(),
                snapshot);
        List<SqlType> parameterTypes = new ArrayList<>();
        for (RelDataTypeField field : parameterRowType.getFieldList()) {
            parameterTypes.add(CalciteTypes.toSqlType(field.getType()));
        }
        return new CompiledQuery(
                columns, parameterTypes, bindable, internalParameters, root, RelOptUtil.toString(physical));
    }
}
