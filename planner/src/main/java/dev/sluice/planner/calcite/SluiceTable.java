package dev.sluice.planner.calcite;

import dev.sluice.common.types.Column;
import dev.sluice.common.types.SqlType;
import dev.sluice.planner.catalog.Relation;
import dev.sluice.planner.stream.RowConversion;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ProjectableFilterableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.SqlKind;

/**
 * A stream, table or view as Calcite sees it: its columns followed by the {@link PseudoColumn}s.
 *
 * <p>It is a {@link ProjectableFilterableTable}: projections are applied while rows are read (so no
 * per-execution code remains above the scan), and a query which fixes every primary-key column of a
 * table or view to a literal or parameter ({@code WHERE id = ?}) becomes one {@link
 * RelationReader#lookup} instead of a scan: the filters it fully answers are removed from the list
 * Calcite passes, the rest Calcite applies itself.
 */
public final class SluiceTable extends AbstractTable implements ProjectableFilterableTable {
    private final Relation relation;
    private final RelationReader reader;
    private final RowConversion conversion;

    SluiceTable(Relation relation, RelationReader reader) {
        this.conversion = RowConversion.source(relation);
        this.relation = relation;
        this.reader = reader;
    }

    public Relation relation() {
        return relation;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        RelDataTypeFactory.Builder builder = typeFactory.builder();
        for (Column c : relation.schema().columns()) {
            builder.add(c.name(), CalciteTypes.toRelType(typeFactory, c.type(), c.nullable()));
        }
        for (PseudoColumn p : PseudoColumn.ALL) {
            if (relation.schema().column(p.columnName()).isEmpty()) {
                builder.add(p.columnName(), CalciteTypes.toRelType(typeFactory, p.type(), false));
            }
        }
        return builder.build();
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root, List<RexNode> filters, int[] projects) {
        Optional<Object[]> key = keyFromFilters(root, filters);
        if (key.isPresent()) {
            Optional<RelationReader.StoredRow> row = reader.lookup(relation, key.get());
            List<Object[]> rows = new ArrayList<>(1);
            row.ifPresent(r -> rows.add(project(toInternalRow(r), projects)));
            return Linq4j.asEnumerable(rows);
        }
        return new AbstractEnumerable<>() {
            @Override
            public Enumerator<Object[]> enumerator() {
                Iterator<RelationReader.StoredRow> rows = reader.scan(relation);
                return Linq4j.iterableEnumerator(() -> new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return rows.hasNext();
                    }

                    @Override
                    public Object[] next() {
                        return project(toInternalRow(rows.next()), projects);
                    }
                });
            }
        };
    }

    private static Object[] project(Object[] row, int[] projects) {
        if (projects == null) {
            return row;
        }
        Object[] out = new Object[projects.length];
        for (int i = 0; i < projects.length; i++) {
            out[i] = row[projects[i]];
        }
        return out;
    }

    private Object[] toInternalRow(RelationReader.StoredRow stored) {
        return conversion.toInternal(stored.row(), stored.timestampMillis(), stored.partition(), stored.offset());
    }

    /**
     * If the filters fix every key column to a literal or parameter, returns the key (as Sluice
     * values) and removes those filters. Only plain {@code column = value} conjuncts count.
     */
    private Optional<Object[]> keyFromFilters(DataContext root, List<RexNode> filters) {
        if (!relation.kind().isKeyed()) {
            return Optional.empty();
        }
        int[] keyIndexes = relation.schema().keyIndexes();
        Object[] key = new Object[keyIndexes.length];
        RexNode[] used = new RexNode[keyIndexes.length];
        for (RexNode filter : filters) {
            if (!filter.isA(SqlKind.EQUALS)) {
                continue;
            }
            List<RexNode> operands = ((RexCall) filter).getOperands();
            for (int side = 0; side < 2; side++) {
                RexNode columnSide = operands.get(side);
                // A comparison across types casts the column (INT column, BIGINT parameter).
                while (columnSide.isA(SqlKind.CAST)
                        && columnSide instanceof RexCall c
                        && c.getOperands().size() == 1) {
                    columnSide = c.getOperands().get(0);
                }
                if (!(columnSide instanceof RexInputRef ref)) {
                    continue;
                }
                for (int k = 0; k < keyIndexes.length; k++) {
                    if (keyIndexes[k] != ref.getIndex() || used[k] != null) {
                        continue;
                    }
                    SqlType type = relation.schema().column(keyIndexes[k]).type();
                    Optional<Object> value = constantValue(root, operands.get(1 - side), type);
                    if (value.isPresent()) {
                        key[k] = value.get();
                        used[k] = filter;
                    }
                }
            }
        }
        for (RexNode u : used) {
            if (u == null) {
                return Optional.empty();
            }
        }
        for (RexNode u : used) {
            filters.remove(u);
        }
        return Optional.of(key);
    }

    /** The value of a literal or bound parameter, converted to the key column's type; empty if neither. */
    private static Optional<Object> constantValue(DataContext root, RexNode node, SqlType type) {
        // A parameter whose type the client declared arrives wrapped in a CAST; look through it.
        while (node.isA(SqlKind.CAST)
                && node instanceof RexCall cast
                && cast.getOperands().size() == 1) {
            node = cast.getOperands().get(0);
        }
        Object internal;
        if (node instanceof RexLiteral literal) {
            if (literal.isNull()) {
                return Optional.empty();
            }
            internal = literal.getValueAs(internalClass(type));
        } else if (node instanceof RexDynamicParam param) {
            internal = root.get(param.getName());
        } else {
            return Optional.empty();
        }
        if (internal == null) {
            return Optional.empty();
        }
        try {
            Object value = CalciteValues.fromInternal(type, internal);
            // Converting to the key column's type must not change the value (2^40 is no INT key):
            // if it would, leave the filter to Calcite, which compares exactly.
            if (internal instanceof Number n
                    && value instanceof Number v
                    && new java.math.BigDecimal(n.toString()).compareTo(new java.math.BigDecimal(v.toString())) != 0) {
                return Optional.empty();
            }
            return Optional.of(value);
        } catch (ClassCastException | ArithmeticException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Class<?> internalClass(SqlType type) {
        return switch (type.kind()) {
            case BOOLEAN -> Boolean.class;
            case SMALLINT -> Short.class;
            case INT, DATE, TIME -> Integer.class;
            case BIGINT, TIMESTAMP, TIMESTAMPTZ, INTERVAL -> Long.class;
            case REAL -> Float.class;
            case DOUBLE -> Double.class;
            case DECIMAL -> java.math.BigDecimal.class;
            case VARCHAR, TEXT, JSONB -> String.class;
            case BYTEA -> org.apache.calcite.avatica.util.ByteString.class;
            default -> Object.class;
        };
    }

    /** Names of the columns {@code SELECT *} leaves out: pseudo-columns and a hidden row id. */
    List<String> hiddenColumns() {
        List<String> hidden = new ArrayList<>();
        PseudoColumn.ALL.forEach(p -> hidden.add(p.columnName()));
        if (relation.hiddenKey()) {
            hidden.add(Relation.HIDDEN_ROW_ID);
        }
        return hidden;
    }
}
