package dev.sluice.planner.sql;

import dev.sluice.common.types.SqlType;
import dev.sluice.common.types.TypeKind;
import dev.sluice.sql.ast.DataType;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCollectionTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlTypeNameSpec;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;

/** Sluice data types in CAST and literals as Calcite type specs. */
final class TypeSpecs {
    private TypeSpecs() {}

    /** The target of {@code CAST(e AS type)}: a type spec, or an interval qualifier for INTERVAL. */
    static SqlNode of(DataType type) {
        SqlType t = type.toSqlType().orElseThrow(() -> Positions.unsupported("type " + type, type));
        SqlParserPos pos = Positions.of(type);
        return target(t, type, pos);
    }

    /** A target for a type known only as a Sluice type (e.g. a parameter type declared by the client). */
    static SqlNode of(SqlType type, SqlParserPos pos) {
        return target(type, null, pos);
    }

    /**
     * Calcite's parser writes {@code CAST(e AS INTERVAL DAY TO SECOND)} with the qualifier itself
     * as the target (there is no type name spec for intervals). Sluice's INTERVAL is Calcite's
     * {@code INTERVAL DAY(9) TO SECOND(3)}, as {@code CalciteTypes} maps it.
     */
    private static SqlNode target(SqlType t, DataType node, SqlParserPos pos) {
        if (t.kind() == TypeKind.INTERVAL) {
            return new SqlIntervalQualifier(TimeUnit.DAY, 9, TimeUnit.SECOND, 3, pos);
        }
        return new SqlDataTypeSpec(nameSpec(t, node, pos), pos);
    }

    private static SqlTypeNameSpec nameSpec(SqlType t, DataType node, SqlParserPos pos) {
        return switch (t.kind()) {
            case BOOLEAN -> new SqlBasicTypeNameSpec(SqlTypeName.BOOLEAN, pos);
            case SMALLINT -> new SqlBasicTypeNameSpec(SqlTypeName.SMALLINT, pos);
            case INT -> new SqlBasicTypeNameSpec(SqlTypeName.INTEGER, pos);
            case BIGINT -> new SqlBasicTypeNameSpec(SqlTypeName.BIGINT, pos);
            case REAL -> new SqlBasicTypeNameSpec(SqlTypeName.REAL, pos);
            case DOUBLE -> new SqlBasicTypeNameSpec(SqlTypeName.DOUBLE, pos);
            case DECIMAL ->
                t.precision() == SqlType.UNSPECIFIED
                        ? new SqlBasicTypeNameSpec(SqlTypeName.DECIMAL, 1000, 16, pos)
                        : new SqlBasicTypeNameSpec(SqlTypeName.DECIMAL, t.precision(), Math.max(0, t.scale()), pos);
            case VARCHAR ->
                t.length() == SqlType.UNSPECIFIED
                        ? new SqlBasicTypeNameSpec(SqlTypeName.VARCHAR, pos)
                        : new SqlBasicTypeNameSpec(SqlTypeName.VARCHAR, t.length(), pos);
            case TEXT, JSONB -> new SqlBasicTypeNameSpec(SqlTypeName.VARCHAR, pos);
            case BYTEA -> new SqlBasicTypeNameSpec(SqlTypeName.VARBINARY, pos);
            case DATE -> new SqlBasicTypeNameSpec(SqlTypeName.DATE, pos);
            case TIME -> new SqlBasicTypeNameSpec(SqlTypeName.TIME, 3, pos);
            case TIMESTAMP -> new SqlBasicTypeNameSpec(SqlTypeName.TIMESTAMP, 3, pos);
            case TIMESTAMPTZ -> new SqlBasicTypeNameSpec(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, 3, pos);
            case ARRAY -> new SqlCollectionTypeNameSpec(nameSpec(t.element(), node, pos), SqlTypeName.ARRAY, pos);
            default -> {
                if (node == null) {
                    throw dev.sluice.common.SluiceException.notSupported("a parameter of type " + t.toSql());
                }
                throw Positions.unsupported("CAST to " + t.toSql(), node);
            }
        };
    }
}
