package dev.sluice.planner.calcite;

import dev.sluice.planner.catalog.CatalogSnapshot;
import dev.sluice.planner.catalog.Relation;
import java.util.HashMap;
import java.util.Map;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/** One schema of the catalog ({@code public}, ...) as a Calcite schema, fixed to one snapshot. */
final class SluiceSchema extends AbstractSchema {
    private final Map<String, Table> tables;

    private SluiceSchema(Map<String, Table> tables) {
        this.tables = Map.copyOf(tables);
    }

    @Override
    protected Map<String, Table> getTableMap() {
        return tables;
    }

    /** A Calcite root schema holding every schema of the snapshot. */
    static CalciteSchema rootOf(CatalogSnapshot snapshot, RelationReader reader) {
        CalciteSchema root = CalciteSchema.createRootSchema(false, false);
        Map<String, Map<String, Table>> bySchema = new HashMap<>();
        for (String schema : snapshot.schemas()) {
            bySchema.put(schema, new HashMap<>());
        }
        for (Relation r : snapshot.relations()) {
            if (!r.kind().isReadable()) {
                continue; // a sink has no rows to read
            }
            bySchema.get(r.name().schema()).put(r.name().name(), new SluiceTable(r, reader));
        }
        SchemaPlus plus = root.plus();
        bySchema.forEach((name, tables) -> plus.add(name, new SluiceSchema(tables)));
        dev.sluice.planner.pgcatalog.SystemTables.addTo(plus, snapshot);
        return root;
    }
}
