package dev.sluice.planner.pgcatalog;

import dev.sluice.common.types.Column;
import dev.sluice.common.types.SqlType;
import dev.sluice.common.types.TypeKind;
import dev.sluice.planner.catalog.RelationKind;
import dev.sluice.planner.pgcatalog.CatalogView.Rel;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL-standard {@code information_schema} views tools read (Grafana's table and column pickers,
 * sqllogictest's cleanup, DBeaver): schemata, tables, columns, views, table_constraints and
 * key_column_usage. Streams and tables are {@code BASE TABLE}s; materialized views and system
 * relations are {@code VIEW}s.
 */
final class InformationSchemaTables {
    static final String SCHEMA = "information_schema";

    private InformationSchemaTables() {}

    static void addTo(SystemTables tables) {
        tables.add(
                SCHEMA,
                "schemata",
                0,
                "catalog_name:name schema_name:name schema_owner:name default_character_set_catalog:name"
                        + " default_character_set_schema:name default_character_set_name:name sql_path:text",
                c -> {
                    List<Object[]> rows = new ArrayList<>();
                    String db = PgCatalogTables.database(c);
                    c.catalog()
                            .namespaces()
                            .keySet()
                            .forEach(n -> rows.add(new Object[] {db, n, PgRuntime.OWNER_NAME, null, null, null, null}));
                    return rows;
                });
        tables.add(
                SCHEMA,
                "tables",
                0,
                "table_catalog:name table_schema:name table_name:name table_type:text"
                        + " self_referencing_column_name:name reference_generation:text"
                        + " user_defined_type_catalog:name user_defined_type_schema:name"
                        + " user_defined_type_name:name is_insertable_into:text is_typed:text commit_action:text",
                c -> {
                    List<Object[]> rows = new ArrayList<>();
                    String db = PgCatalogTables.database(c);
                    for (Rel r : c.catalog().relations()) {
                        boolean base = r.relkind() == 'r';
                        rows.add(new Object[] {
                            db,
                            r.schema(),
                            r.name(),
                            base ? "BASE TABLE" : "VIEW",
                            null,
                            null,
                            null,
                            null,
                            null,
                            base ? "YES" : "NO",
                            "NO",
                            null
                        });
                    }
                    return rows;
                });
        tables.add(
                SCHEMA,
                "columns",
                0,
                "table_catalog:name table_schema:name table_name:name column_name:name ordinal_position:int4"
                        + " column_default:text is_nullable:text data_type:text character_maximum_length:int4"
                        + " character_octet_length:int4 numeric_precision:int4 numeric_precision_radix:int4"
                        + " numeric_scale:int4 datetime_precision:int4 interval_type:text interval_precision:int4"
                        + " character_set_catalog:name character_set_schema:name character_set_name:name"
                        + " collation_catalog:name collation_schema:name collation_name:name domain_catalog:name"
                        + " domain_schema:name domain_name:name udt_catalog:name udt_schema:name udt_name:name"
                        + " scope_catalog:name scope_schema:name scope_name:name maximum_cardinality:int4"
                        + " dtd_identifier:name is_self_referencing:text is_identity:text identity_generation:text"
                        + " identity_start:text identity_increment:text identity_maximum:text identity_minimum:text"
                        + " identity_cycle:text is_generated:text generation_expression:text is_updatable:text",
                c -> {
                    List<Object[]> rows = new ArrayList<>();
                    String db = PgCatalogTables.database(c);
                    for (Rel r : c.catalog().relations()) {
                        for (int i = 0; i < r.columns().size(); i++) {
                            Column col = r.columns().get(i);
                            rows.add(column(db, r, col, i + 1));
                        }
                    }
                    return rows;
                });
        tables.add(
                SCHEMA,
                "views",
                0,
                "table_catalog:name table_schema:name table_name:name view_definition:text check_option:text"
                        + " is_updatable:text is_insertable_into:text is_trigger_updatable:text"
                        + " is_trigger_deletable:text is_trigger_insertable_into:text",
                c -> {
                    List<Object[]> rows = new ArrayList<>();
                    String db = PgCatalogTables.database(c);
                    for (Rel r : c.catalog().userRelations()) {
                        if (r.relation().kind() == RelationKind.MATERIALIZED_VIEW) {
                            rows.add(new Object[] {
                                db, r.schema(), r.name(), r.relation().createSql(), "NONE", "NO", "NO", "NO", "NO", "NO"
                            });
                        }
                    }
                    return rows;
                });
        tables.add(
                SCHEMA,
                "table_constraints",
                0,
                "constraint_catalog:name constraint_schema:name constraint_name:name table_catalog:name"
                        + " table_schema:name table_name:name constraint_type:text is_deferrable:text"
                        + " initially_deferred:text enforced:text nulls_distinct:text",
                c -> {
                    List<Object[]> rows = new ArrayList<>();
                    String db = PgCatalogTables.database(c);
                    for (Rel r : c.catalog().userRelations()) {
                        if (!r.primaryKey().isEmpty()) {
                            rows.add(new Object[] {
                                db,
                                r.schema(),
                                r.indexName(),
                                db,
                                r.schema(),
                                r.name(),
                                "PRIMARY KEY",
                                "NO",
                                "NO",
                                "YES",
                                null
                            });
                        }
                    }
                    return rows;
                });
        tables.add(
                SCHEMA,
                "key_column_usage",
                0,
                "constraint_catalog:name constraint_schema:name constraint_name:name table_catalog:name"
                        + " table_schema:name table_name:name column_name:name ordinal_position:int4"
                        + " position_in_unique_constraint:int4",
                c -> {
                    List<Object[]> rows = new ArrayList<>();
                    String db = PgCatalogTables.database(c);
                    for (Rel r : c.catalog().userRelations()) {
                        List<String> key = r.primaryKey();
                        for (int i = 0; i < key.size(); i++) {
                            rows.add(new Object[] {
                                db, r.schema(), r.indexName(), db, r.schema(), r.name(), key.get(i), i + 1, null
                            });
                        }
                    }
                    return rows;
                });
    }

    private static Object[] column(String db, Rel r, Column col, int position) {
        SqlType t = col.type();
        String dataType = t.kind() == TypeKind.ARRAY
                ? "ARRAY"
                : PgTypeRegistry.byOid(t.oid())
                        .map(PgTypeRegistry.PgType::display)
                        .orElse("USER-DEFINED");
        String udt = PgTypeRegistry.byOid(t.oid())
                .map(PgTypeRegistry.PgType::name)
                .orElse(t.kind().pgTypeName());
        Integer charMax = t.kind() == TypeKind.VARCHAR && t.length() != SqlType.UNSPECIFIED ? t.length() : null;
        Integer octet = t.kind().isCharacter() ? (charMax == null ? 1_073_741_824 : charMax * 4) : null;
        Integer precision =
                switch (t.kind()) {
                    case SMALLINT -> 16;
                    case INT -> 32;
                    case BIGINT -> 64;
                    case REAL -> 24;
                    case DOUBLE -> 53;
                    case DECIMAL -> t.precision() == SqlType.UNSPECIFIED ? null : t.precision();
                    default -> null;
                };
        Integer radix = t.kind() == TypeKind.DECIMAL ? (precision == null ? null : 10) : (precision == null ? null : 2);
        if (t.kind() == TypeKind.DECIMAL) {
            radix = 10;
        }
        Integer scale = t.kind().isIntegral()
                ? Integer.valueOf(0)
                : t.kind() == TypeKind.DECIMAL && t.precision() != SqlType.UNSPECIFIED ? Math.max(t.scale(), 0) : null;
        Integer datetimePrecision =
                switch (t.kind()) {
                    case DATE -> 0;
                    case TIME, TIMESTAMP, TIMESTAMPTZ, INTERVAL ->
                        t.precision() == SqlType.UNSPECIFIED ? 6 : t.precision();
                    default -> null;
                };
        return new Object[] {
            db,
            r.schema(),
            r.name(),
            col.name(),
            position,
            null,
            col.nullable() ? "YES" : "NO",
            dataType,
            charMax,
            octet,
            precision,
            radix,
            scale,
            datetimePrecision,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            db,
            "pg_catalog",
            udt,
            null,
            null,
            null,
            null,
            String.valueOf(position),
            "NO",
            "NO",
            null,
            null,
            null,
            null,
            null,
            "NO",
            "NEVER",
            null,
            r.relkind() == 'r' ? "YES" : "NO"
        };
    }
}
