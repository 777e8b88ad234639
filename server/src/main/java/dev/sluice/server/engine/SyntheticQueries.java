package dev.sluice.server.engine;

import dev.sluice.sql.ast.AllColumns;
import dev.sluice.sql.ast.ColumnRef;
import dev.sluice.sql.ast.QualifiedName;
import dev.sluice.sql.ast.Query;
import dev.sluice.sql.ast.QuerySpecification;
import dev.sluice.sql.ast.SelectItem;
import dev.sluice.sql.ast.SingleColumn;
import dev.sluice.sql.ast.SourcePos;
import dev.sluice.sql.ast.Table;
import java.util.ArrayList;
import java.util.List;

/** Queries the engine writes itself, e.g. {@code COPY t TO STDOUT} as {@code SELECT * FROM t}. */
public final class SyntheticQueries {
    private SyntheticQueries() {}

    public static Query selectAll(QualifiedName table, List<String> columns) {
        List<SelectItem> items = new ArrayList<>();
        if (columns.isEmpty()) {
            items.add(new AllColumns(SourcePos.UNKNOWN, null));
        } else {
            columns.forEach(c ->
                    items.add(new SingleColumn(SourcePos.UNKNOWN, new ColumnRef(SourcePos.UNKNOWN, List.of(c)), null)));
        }
        QuerySpecification spec = new QuerySpecification(
                SourcePos.UNKNOWN,
                false,
                List.of(),
                items,
                List.of(new Table(table.pos(), table)),
                null,
                null,
                List.of(),
                null);
        return new Query(SourcePos.UNKNOWN, null, spec, List.of(), null, null, null);
    }
}
