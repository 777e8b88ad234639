package dev.sluice.planner.calcite;

import dev.sluice.common.SluiceException;
import dev.sluice.common.types.Column;
import dev.sluice.common.types.SqlType;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;

/** Maps Sluice's {@link SqlType}s to Calcite's {@link RelDataType}s and back. */
public final class CalciteTypes {
    private CalciteTypes() {}

    public static RelDataType toRelType(RelDataTypeFactory f, SqlType t, boolean nullable) {
        return f.createTypeWithNullability(toRelType(f, t), nullable);
    }

    static RelDataType toRelType(RelDataTypeFactory f, SqlType t) {
        return switch (t.kind()) {
            case BOOLEAN -> f.createSqlType(SqlTypeName.BOOLEAN);
            case SMALLINT -> f.createSqlType(SqlTypeName.SMALLINT);
            case INT -> f.createSqlType(SqlTypeName.INTEGER);
            case BIGINT -> f.createSqlType(SqlTypeName.BIGINT);
            case REAL -> f.createSqlType(SqlTypeName.REAL);
            case DOUBLE -> f.createSqlType(SqlTypeName.DOUBLE);
            case DECIMAL ->
                t.precision() == SqlType.UNSPECIFIED
                        ? f.createSqlType(
                                SqlTypeName.DECIMAL,
                                SluiceTypeSystem.UNCONSTRAINED_DECIMAL_PRECISION,
                                SluiceTypeSystem.UNCONSTRAINED_DECIMAL_SCALE)
                        : f.createSqlType(SqlTypeName.DECIMAL, t.precision(), Math.max(0, t.scale()));
            case VARCHAR ->
                t.length() == SqlType.UNSPECIFIED
                        ? f.createSqlType(SqlTypeName.VARCHAR)
                        : f.createSqlType(SqlTypeName.VARCHAR, t.length());
            case TEXT, JSONB -> f.createSqlType(SqlTypeName.VARCHAR);
            case BYTEA -> f.createSqlType(SqlTypeName.VARBINARY);
            case DATE -> f.createSqlType(SqlTypeName.DATE);
            case TIME -> f.createSqlType(SqlTypeName.TIME, 3);
            case TIMESTAMP -> f.createSqlType(SqlTypeName.TIMESTAMP, 3);
            case TIMESTAMPTZ -> f.createSqlType(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, 3);
            case INTERVAL ->
                f.createSqlIntervalType(
                        new SqlIntervalQualifier(TimeUnit.DAY, 9, TimeUnit.SECOND, 3, SqlParserPos.ZERO));
            case ARRAY -> f.createArrayType(toRelType(f, t.element(), true), -1);
            case MAP -> f.createMapType(toRelType(f, t.key(), false), toRelType(f, t.element(), true));
            case STRUCT -> {
                List<String> names = new ArrayList<>();
                List<RelDataType> types = new ArrayList<>();
                for (SqlType.Field field : t.fields()) {
                    names.add(field.name());
                    types.add(toRelType(f, field.type(), true));
                }
                yield f.createStructType(types, names);
            }
        };
    }

    /**
     * The Sluice type of a Calcite result type, for RowDescription.
     *
     * @throws SluiceException 0A000 for Calcite types Sluice cannot return (e.g. SYMBOL)
     */
    public static SqlType toSqlType(RelDataType t) {
        return switch (t.getSqlTypeName()) {
            case BOOLEAN -> SqlType.BOOLEAN;
            case TINYINT, SMALLINT -> SqlType.SMALLINT;
            case INTEGER -> SqlType.INT;
            case BIGINT -> SqlType.BIGINT;
            case REAL, FLOAT -> SqlType.REAL;
            case DOUBLE -> SqlType.DOUBLE;
            case DECIMAL ->
                t.getPrecision() >= SluiceTypeSystem.UNCONSTRAINED_DECIMAL_PRECISION
                        ? SqlType.DECIMAL
                        : SqlType.decimal(t.getPrecision(), Math.max(0, t.getScale()));
            case CHAR, VARCHAR ->
                t.getPrecision() > 0
                                && t.getPrecision() != RelDataType.PRECISION_NOT_SPECIFIED
                                && t.getSqlTypeName() == SqlTypeName.VARCHAR
                        ? SqlType.varchar(t.getPrecision())
                        : SqlType.TEXT;
            case BINARY, VARBINARY -> SqlType.BYTEA;
            case DATE -> SqlType.DATE;
            case TIME -> SqlType.TIME;
            case TIMESTAMP -> SqlType.TIMESTAMP;
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE, TIMESTAMP_TZ -> SqlType.TIMESTAMPTZ;
            case INTERVAL_DAY,
                    INTERVAL_DAY_HOUR,
                    INTERVAL_DAY_MINUTE,
                    INTERVAL_DAY_SECOND,
                    INTERVAL_HOUR,
                    INTERVAL_HOUR_MINUTE,
                    INTERVAL_HOUR_SECOND,
                    INTERVAL_MINUTE,
                    INTERVAL_MINUTE_SECOND,
                    INTERVAL_SECOND,
                    INTERVAL_YEAR,
                    INTERVAL_YEAR_MONTH,
                    INTERVAL_MONTH -> SqlType.INTERVAL;
            case ARRAY, MULTISET -> SqlType.array(toSqlType(t.getComponentType()));
            case MAP -> SqlType.map(toSqlType(t.getKeyType()), toSqlType(t.getValueType()));
            case ROW -> {
                List<SqlType.Field> fields = new ArrayList<>();
                for (RelDataTypeField field : t.getFieldList()) {
                    fields.add(new SqlType.Field(field.getName(), toSqlType(field.getType())));
                }
                yield SqlType.struct(fields);
            }
            case NULL, UNKNOWN -> SqlType.TEXT;
            default -> throw SluiceException.notSupported("a result column of type " + t.getFullTypeString());
        };
    }

    /** The result columns of a validated query. */
    public static List<Column> toColumns(RelDataType rowType) {
        List<Column> columns = new ArrayList<>();
        for (RelDataTypeField field : rowType.getFieldList()) {
            columns.add(new Column(
                    dev.sluice.planner.sql.QueryConverter.outputName(field.getName()),
                    toSqlType(field.getType()),
                    field.getType().isNullable()));
        }
        return columns;
    }
}
