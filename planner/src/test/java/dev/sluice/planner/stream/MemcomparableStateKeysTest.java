package dev.sluice.planner.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.common.types.SqlType;
import dev.sluice.executor.stream.StateKeyEncoder;
import dev.sluice.planner.calcite.CalciteTypes;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.junit.jupiter.api.Test;

/** State keys sort as the SQL values do and equal values give equal keys. */
class MemcomparableStateKeysTest {
    private static final RelDataTypeFactory TYPES = new JavaTypeFactoryImpl();

    private static RelDataType row(SqlType... types) {
        RelDataTypeFactory.Builder b = TYPES.builder();
        for (int i = 0; i < types.length; i++) {
            b.add("c" + i, CalciteTypes.toRelType(TYPES, types[i], true));
        }
        return b.build();
    }

    /** Encodes each key (Calcite internal values), sorts the bytes, returns the keys in that order. */
    private static List<Object[]> sortedByBytes(StateKeyEncoder keys, List<Object[]> values) {
        List<Object[]> out = new ArrayList<>(values);
        out.sort((a, b) -> Arrays.compareUnsigned(keys.encode(a), keys.encode(b)));
        return out;
    }

    @Test
    void bytesSortAsTheValues() {
        RelDataType type = row(SqlType.INT, SqlType.TEXT, SqlType.decimal(10, 2), SqlType.TIMESTAMP, SqlType.DOUBLE);
        StateKeyEncoder ints = MemcomparableStateKeys.of(type, new int[] {0});
        List<Object[]> expected = List.of(new Object[] {null}, new Object[] {-70}, new Object[] {0}, new Object[] {3});
        assertArrayEquals(
                expected.toArray(),
                sortedByBytes(ints, List.of(expected.get(2), expected.get(3), expected.get(1), expected.get(0)))
                        .toArray());
        StateKeyEncoder textThenDecimal = MemcomparableStateKeys.of(type, new int[] {1, 2});
        List<Object[]> pairs = List.of(
                new Object[] {"a", new BigDecimal("-1.50")},
                new Object[] {"a", new BigDecimal("2.00")},
                new Object[] {"ab", new BigDecimal("0.00")},
                new Object[] {"b", new BigDecimal("-9.99")});
        assertArrayEquals(
                pairs.toArray(),
                sortedByBytes(textThenDecimal, List.of(pairs.get(3), pairs.get(1), pairs.get(2), pairs.get(0)))
                        .toArray());
        StateKeyEncoder times = MemcomparableStateKeys.of(type, new int[] {3});
        assertTrue(Arrays.compareUnsigned(times.encode(new Object[] {-1000L}), times.encode(new Object[] {5L})) < 0);
    }

    @Test
    void equalValuesGiveEqualKeys() {
        RelDataType type = row(SqlType.decimal(10, 2), SqlType.DOUBLE);
        StateKeyEncoder decimals = MemcomparableStateKeys.of(type, new int[] {0});
        assertArrayEquals(
                decimals.encode(new Object[] {new BigDecimal("1.0")}),
                decimals.encode(new Object[] {new BigDecimal("1.00")}));
        StateKeyEncoder doubles = MemcomparableStateKeys.of(type, new int[] {1});
        assertArrayEquals(doubles.encode(new Object[] {0.0d}), doubles.encode(new Object[] {-0.0d}));
        assertNotEquals(
                Arrays.toString(doubles.encode(new Object[] {1.0d})),
                Arrays.toString(doubles.encode(new Object[] {2.0d})));
    }

    @Test
    void keysWithoutAnOrderKeepValueCodecBytes() {
        RelDataType type = row(SqlType.INT, SqlType.map(SqlType.TEXT, SqlType.INT), SqlType.array(SqlType.INT));
        assertSame(StateKeyEncoder.VALUE_CODEC, MemcomparableStateKeys.of(type, new int[] {0, 1}));
        assertSame(StateKeyEncoder.VALUE_CODEC, MemcomparableStateKeys.of(type, new int[] {2}));
        assertTrue(MemcomparableStateKeys.of(type, new int[] {0}) != StateKeyEncoder.VALUE_CODEC);
    }
}
