package dev.sluice.planner.stream;

import dev.sluice.common.types.SqlType;
import dev.sluice.common.types.TypeKind;
import dev.sluice.executor.codec.KeyCodec;
import dev.sluice.executor.stream.StateKeyEncoder;
import dev.sluice.planner.calcite.CalciteTypes;
import dev.sluice.planner.calcite.CalciteValues;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;

/**
 * State keys in {@link KeyCodec}'s memcomparable encoding: the key columns' SQL values, so the bytes
 * sort as the values do (RocksDB keeps a query's groups in key order, ready for range scans) and equal
 * values (1.0 and 1.00, -0.0 and 0.0) give equal keys. Operators hold Calcite's internal values;
 * each is converted to Sluice's Java value first ({@link CalciteValues#fromInternal}).
 */
final class MemcomparableStateKeys implements StateKeyEncoder {
    private final List<SqlType> types;

    private MemcomparableStateKeys(List<SqlType> types) {
        this.types = types;
    }

    /**
     * The encoder for the given columns of {@code rowType}; {@link StateKeyEncoder#VALUE_CODEC} when a
     * column is not of a scalar type.
     */
    static StateKeyEncoder of(RelDataType rowType, int[] columns) {
        List<RelDataTypeField> fields = rowType.getFieldList();
        SqlType[] types = new SqlType[columns.length];
        for (int i = 0; i < columns.length; i++) {
            types[i] = CalciteTypes.toSqlType(fields.get(columns[i]).getType());
            if (!ordered(types[i])) {
                return StateKeyEncoder.VALUE_CODEC;
            }
        }
        return new MemcomparableStateKeys(List.of(types));
    }

    /**
     * Scalar types only: ARRAY and STRUCT keys are normalized to lists by the operators ({@code Keys}),
     * which the conversion to SQL values does not take, and a MAP has no order.
     */
    private static boolean ordered(SqlType type) {
        return type.kind() != TypeKind.MAP && type.kind() != TypeKind.ARRAY && type.kind() != TypeKind.STRUCT;
    }

    @Override
    public byte[] encode(Object[] values) {
        Object[] sql = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            sql[i] = CalciteValues.fromInternal(types.get(i), values[i]);
        }
        return KeyCodec.encode(types, sql);
    }
}
