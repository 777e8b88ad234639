package dev.sluice.planner.stream;

import dev.sluice.common.Row;
import dev.sluice.common.RowKind;
import dev.sluice.common.types.Column;
import dev.sluice.common.types.SqlType;
import dev.sluice.planner.calcite.CalciteValues;
import dev.sluice.planner.calcite.PseudoColumn;
import dev.sluice.planner.catalog.Relation;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts between stored rows (Sluice Java values, see {@code SqlType}) and the rows continuous
 * operators compute on (Calcite's internal values), with the same column layout as {@code
 * SluiceTable}: a relation's columns, then the pseudo-columns it does not shadow.
 */
public final class RowConversion {
    private final SqlType[] types;
    private final PseudoColumn[] pseudo;

    private RowConversion(SqlType[] types, PseudoColumn[] pseudo) {
        this.types = types;
        this.pseudo = pseudo;
    }

    /** For rows read from a relation (a source of a continuous query). */
    public static RowConversion source(Relation relation) {
        List<Column> columns = relation.schema().columns();
        List<PseudoColumn> pseudo = new ArrayList<>();
        for (PseudoColumn p : PseudoColumn.ALL) {
            if (relation.schema().column(p.columnName()).isEmpty()) {
                pseudo.add(p);
            }
        }
        return new RowConversion(
                columns.stream().map(Column::type).toArray(SqlType[]::new), pseudo.toArray(PseudoColumn[]::new));
    }

    /** For rows a plan produces, described by its result columns. */
    public static RowConversion result(List<Column> columns) {
        return new RowConversion(columns.stream().map(Column::type).toArray(SqlType[]::new), new PseudoColumn[0]);
    }

    public int width() {
        return types.length + pseudo.length;
    }

    /** A stored row and its place in the log → an operator row. */
    public Object[] toInternal(Row row, long timestampMillis, int partition, long offset) {
        Object[] out = new Object[types.length + pseudo.length];
        for (int i = 0; i < types.length; i++) {
            out[i] = row == null ? null : CalciteValues.toInternal(types[i], row.get(i));
        }
        int at = types.length;
        for (PseudoColumn p : pseudo) {
            out[at++] = switch (p) {
                case ROWTIME -> timestampMillis;
                case ROWPARTITION -> partition;
                case ROWOFFSET -> offset;
            };
        }
        return out;
    }

    /** An operator row → a row of Sluice values, of the given kind. */
    public Row toRow(RowKind kind, Object[] values) {
        Object[] out = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            out[i] = CalciteValues.fromInternal(types[i], values[i]);
        }
        return Row.ofKind(kind, out);
    }
}
