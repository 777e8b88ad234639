package dev.sluice.planner.calcite;

import dev.sluice.planner.catalog.CatalogSnapshot;
import java.util.List;
import java.util.Properties;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.config.NullCollation;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlLibrary;
import org.apache.calcite.sql.fun.SqlLibraryOperatorTableFactory;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.sql2rel.StandardConvertletTable;

/**
 * The steps pull and continuous queries share: validate a {@code SqlNode} against a catalog snapshot
 * ({@link SluiceValidator}, which also infers parameter types) and convert it to a logical {@code
 * RelNode} ({@code SqlToRelConverter}).
 */
public final class SqlToRel {

    /**
     * A validated, converted query.
     *
     * @param root the logical plan with the validated row type
     * @param parameterRowType one field per parameter, in order
     * @param schema the Calcite root schema the plan's tables come from
     * @param fieldOrigins per result field, the qualified name ({@code schema, table, column}) of the
     *     table column it is a plain copy of, or null (computed, or unknown); empty when unknown
     * @param directReferences per result field, whether the select item is a column name itself
     *     (possibly aliased), not an expression such as a cast that Calcite folds away; empty when
     *     unknown
     */
    public record Converted(
            RelRoot root,
            RelDataType parameterRowType,
            CalciteSchema schema,
            List<List<String>> fieldOrigins,
            List<Boolean> directReferences) {}

    private SqlToRel() {}

    /** PostgreSQL's default {@code search_path} as far as Sluice has schemas: {@code public}. */
    public static final List<String> DEFAULT_SEARCH_PATH = List.of("public");

    public static Converted convert(
            CatalogSnapshot snapshot, RelationReader reader, SqlNode query, RelOptPlanner planner) {
        return convert(snapshot, reader, query, planner, DEFAULT_SEARCH_PATH);
    }

    /** @param searchPath the schemas unqualified names are looked up in, after {@code pg_catalog} */
    public static Converted convert(
            CatalogSnapshot snapshot,
            RelationReader reader,
            SqlNode query,
            RelOptPlanner planner,
            List<String> searchPath) {
        JavaTypeFactoryImpl typeFactory = new JavaTypeFactoryImpl(SluiceTypeSystem.INSTANCE);
        CalciteSchema root = SluiceSchema.rootOf(snapshot, reader);
        Properties props = new Properties();
        props.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "true");
        CalciteCatalogReader catalogReader =
                new SearchPathCatalogReader(root, searchPath, typeFactory, new CalciteConnectionConfigImpl(props));
        SqlOperatorTable operators = SqlOperatorTables.chain(
                dev.sluice.planner.pgcatalog.PgFunctions.operatorTable(),
                SqlLibraryOperatorTableFactory.INSTANCE.getOperatorTable(SqlLibrary.STANDARD, SqlLibrary.POSTGRESQL),
                catalogReader);
        SqlValidator.Config validatorConfig = SqlValidator.Config.DEFAULT
                .withConformance(SqlConformanceEnum.LENIENT)
                .withIdentifierExpansion(true)
                // PostgreSQL sorts NULLs as larger than every value.
                .withDefaultNullCollation(NullCollation.HIGH);
        SluiceValidator validator = new SluiceValidator(operators, catalogReader, typeFactory, validatorConfig);
        SqlNode validated = validator.validate(query);
        RelDataType parameterRowType = validator.getParameterRowType(validated);
        List<Boolean> directReferences = new java.util.ArrayList<>();
        try {
            for (List<String> origin : validator.getFieldOrigins(validated)) {
                directReferences.add(origin != null);
            }
        } catch (RuntimeException e) {
            directReferences.clear(); // only the jsonb type of a copied column depends on it
        }

        RelOptCluster cluster = RelOptCluster.create(planner, new RexBuilder(typeFactory));
        SqlToRelConverter converter = new SqlToRelConverter(
                (rowType, queryString, schemaPath, viewPath) -> {
                    throw new UnsupportedOperationException("views are not expanded");
                },
                validator,
                catalogReader,
                cluster,
                StandardConvertletTable.INSTANCE,
                SqlToRelConverter.config().withTrimUnusedFields(true).withExpand(false));
        RelRoot relRoot = converter.convertQuery(validated, false, true);
        return new Converted(relRoot, parameterRowType, root, fieldOrigins(relRoot), directReferences);
    }

    /**
     * Per result field, the table column it is a plain copy of: Calcite's column-origin metadata
     * follows it through projections, sub-queries and joins, and reports an expression as derived.
     * A field with no single, underived origin (computed, or a UNION of two tables) gets null.
     */
    private static List<List<String>> fieldOrigins(RelRoot relRoot) {
        try {
            var mq = relRoot.rel.getCluster().getMetadataQuery();
            List<List<String>> out = new java.util.ArrayList<>();
            for (var field : relRoot.fields) {
                org.apache.calcite.rel.metadata.RelColumnOrigin origin =
                        mq.getColumnOrigin(relRoot.rel, field.getKey());
                if (origin == null || origin.isDerived()) {
                    out.add(null);
                    continue;
                }
                List<String> name =
                        new java.util.ArrayList<>(origin.getOriginTable().getQualifiedName());
                name.add(origin.getOriginTable()
                        .getRowType()
                        .getFieldList()
                        .get(origin.getOriginColumnOrdinal())
                        .getName());
                out.add(name);
            }
            return out;
        } catch (RuntimeException e) {
            return List.of(); // only RowDescription's table OID and attnum depend on it
        }
    }
}
