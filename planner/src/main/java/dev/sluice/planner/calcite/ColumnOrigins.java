package dev.sluice.planner.calcite;

import dev.sluice.common.types.Column;
import dev.sluice.planner.catalog.CatalogSnapshot;
import dev.sluice.planner.catalog.QualifiedName;
import dev.sluice.planner.catalog.Relation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Marks the result columns that are plain references to a column of a stream, table or view with
 * that relation's {@code pg_class} OID and the column's {@code attnum}, as {@code pg_catalog}
 * reports them ({@link dev.sluice.planner.pgcatalog.CatalogView}: the relation's catalog OID, and
 * the 1-based position among its visible columns). RowDescription carries them, and clients use them
 * to look the column up: pgjdbc's {@code ResultSetMetaData.getTableName}, {@code isNullable}, {@code
 * getBaseColumnName} and {@code isAutoIncrement} query {@code pg_attribute} by them.
 *
 * <p>A select item that names a {@code jsonb} column (not a cast of it, which Calcite folds away)
 * also gets its type back, which Calcite's VARCHAR lost.
 *
 * <p>The origins come from Calcite's column-origin metadata ({@link SqlToRel.Converted#fieldOrigins}),
 * which follows a column through aliases, sub-queries and joins; anything computed keeps 0, as in
 * PostgreSQL. System tables ({@code pg_catalog}, ...) keep 0 too.
 */
final class ColumnOrigins {
    private ColumnOrigins() {}

    static List<Column> apply(
            List<Column> columns, List<List<String>> origins, List<Boolean> direct, CatalogSnapshot snapshot) {
        if (origins == null || origins.size() != columns.size()) {
            return columns;
        }
        boolean knowDirect = direct != null && direct.size() == columns.size();
        List<Column> out = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            out.add(withOrigin(columns.get(i), origins.get(i), knowDirect && direct.get(i), snapshot));
        }
        return out;
    }

    private static Column withOrigin(Column column, List<String> origin, boolean direct, CatalogSnapshot snapshot) {
        if (origin == null || origin.size() < 3) {
            return column;
        }
        int n = origin.size();
        Optional<Relation> relation = snapshot.find(new QualifiedName(origin.get(n - 3), origin.get(n - 2)));
        if (relation.isEmpty()) {
            return column;
        }
        List<Column> visible = relation.get().visibleColumns();
        for (int a = 0; a < visible.size(); a++) {
            Column source = visible.get(a);
            if (source.name().equals(origin.get(n - 1))) {
                Column typed = column;
                if (direct
                        && source.type().kind() == dev.sluice.common.types.TypeKind.JSONB
                        && column.type().kind().isCharacter()) {
                    // Calcite has no JSON type (CalciteTypes maps JSONB to VARCHAR); a plain copy of a
                    // jsonb column is still jsonb, as clients (and binary COPY) expect.
                    typed = new Column(column.name(), source.type(), column.nullable());
                }
                return typed.withOrigin((int) relation.get().oid(), a + 1);
            }
        }
        return column;
    }
}
