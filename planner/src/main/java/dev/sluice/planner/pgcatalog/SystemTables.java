package dev.sluice.planner.pgcatalog;

import dev.sluice.planner.catalog.CatalogSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * The system schemas {@code pg_catalog}, {@code information_schema} and {@code sluice_catalog} for
 * one catalog snapshot. {@link #addTo} is the one hook the pull-query compiler calls.
 */
public final class SystemTables {
    /** The schemas this class adds, in the order unqualified names are looked up in. */
    public static final List<String> SCHEMAS = List.of("pg_catalog", "information_schema", "sluice_catalog");

    private final List<SystemTable> tables = new ArrayList<>();
    private int nextOid = 13_200;

    SystemTables() {}

    void add(String schema, String name, int oid, String columns, SystemTable.Rows rows) {
        tables.add(new SystemTable(schema, name, oid == 0 ? nextOid++ : oid, Columns.parse(columns), rows));
    }

    /** Adds the system schemas, computed from {@code snapshot}, to a Calcite root schema. */
    public static void addTo(SchemaPlus root, CatalogSnapshot snapshot) {
        CatalogView view = build(snapshot);
        Map<String, Map<String, Table>> bySchema = new LinkedHashMap<>();
        for (SystemTable t : view.systemTables()) {
            bySchema.computeIfAbsent(t.schemaName(), s -> new LinkedHashMap<>()).put(t.name(), t);
        }
        bySchema.forEach((schema, tables) -> root.add(schema, new SystemSchema(view, tables)));
    }

    /** The catalog view with every system table bound to it. */
    public static CatalogView build(CatalogSnapshot snapshot) {
        SystemTables t = new SystemTables();
        PgCatalogTables.addTo(t);
        InformationSchemaTables.addTo(t);
        SluiceCatalogTables.addTo(t);
        CatalogView view = new CatalogView(snapshot, t.tables);
        t.tables.forEach(x -> x.bind(view));
        return view;
    }

    /** One system schema; unwraps to its {@link CatalogView} for the catalog functions. */
    static final class SystemSchema extends AbstractSchema {
        private final CatalogView view;
        private final Map<String, Table> tables;

        SystemSchema(CatalogView view, Map<String, Table> tables) {
            this.view = view;
            this.tables = Map.copyOf(tables);
        }

        CatalogView view() {
            return view;
        }

        @Override
        protected Map<String, Table> getTableMap() {
            return tables;
        }
    }
}
