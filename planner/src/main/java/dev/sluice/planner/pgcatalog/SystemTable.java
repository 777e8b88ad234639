package dev.sluice.planner.pgcatalog;

import dev.sluice.common.types.Column;
import dev.sluice.common.types.SqlType;
import dev.sluice.planner.calcite.CalciteTypes;
import dev.sluice.planner.calcite.CalciteValues;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableTableScan;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * A system relation ({@code pg_catalog.pg_class}, {@code information_schema.columns}, {@code
 * sluice_catalog.topics}, ...): its rows are computed when it is scanned, from the catalog snapshot
 * the query was compiled against and the session and server state of that execution.
 */
public final class SystemTable extends AbstractTable implements ScannableTable, TranslatableTable {
    /** Produces the rows, one Sluice Java value per column (see {@link SqlType}). */
    @FunctionalInterface
    public interface Rows {
        List<Object[]> rows(SystemContext context);
    }

    /** What a scan may look at. */
    public record SystemContext(CatalogView catalog, SessionContext session) {}

    private final String schema;
    private final String name;
    private final int oid;
    private final List<Column> columns;
    private final Rows rows;
    private CatalogView catalog;

    SystemTable(String schema, String name, int oid, List<Column> columns, Rows rows) {
        this.schema = schema;
        this.name = name;
        this.oid = oid;
        this.columns = List.copyOf(columns);
        this.rows = rows;
    }

    void bind(CatalogView catalog) {
        this.catalog = catalog;
    }

    public String schemaName() {
        return schema;
    }

    public String name() {
        return name;
    }

    public int oid() {
        return oid;
    }

    public List<Column> columns() {
        return columns;
    }

    /** The rows as Sluice values, for callers outside Calcite (SHOW commands, tests). */
    public List<Object[]> rows(SessionContext session) {
        return rows.rows(new SystemContext(catalog, session));
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        RelDataTypeFactory.Builder builder = typeFactory.builder();
        for (Column c : columns) {
            builder.add(c.name(), CalciteTypes.toRelType(typeFactory, c.type(), true));
        }
        return builder.build();
    }

    /**
     * Scans straight into the Enumerable convention. Left to the planner, a plan over system tables
     * could run partly in Calcite's interpreter (the Bindable convention), whose aggregate cannot do
     * the SINGLE_VALUE of a correlated scalar sub-query (psql's {@code \\d}).
     */
    @Override
    public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
        return EnumerableTableScan.create(context.getCluster(), relOptTable);
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root) {
        SessionContext session = PgRuntime.session(root);
        List<Object[]> out = new ArrayList<>();
        for (Object[] row : rows.rows(new SystemContext(catalog, session))) {
            if (row.length != columns.size()) {
                throw new IllegalStateException(
                        schema + "." + name + ": row has " + row.length + " values for " + columns.size() + " columns");
            }
            Object[] internal = new Object[row.length];
            for (int i = 0; i < row.length; i++) {
                internal[i] = CalciteValues.toInternal(
                        columns.get(i).type(), normalize(columns.get(i).type(), row[i]));
            }
            out.add(internal);
        }
        return Linq4j.asEnumerable(out);
    }

    /** Lets row code write {@code 0} for a smallint or {@code 'r'} for a "char" column. */
    static Object normalize(SqlType type, Object v) {
        if (v == null) {
            return null;
        }
        return switch (type.kind()) {
            case SMALLINT -> ((Number) v).shortValue();
            case INT -> ((Number) v).intValue();
            case BIGINT -> ((Number) v).longValue();
            case REAL -> ((Number) v).floatValue();
            case DOUBLE -> ((Number) v).doubleValue();
            case VARCHAR, TEXT -> v.toString();
            case ARRAY -> {
                List<Object> out = new ArrayList<>();
                for (Object e : (List<?>) v) {
                    out.add(normalize(type.element(), e));
                }
                yield out;
            }
            default -> v;
        };
    }
}
