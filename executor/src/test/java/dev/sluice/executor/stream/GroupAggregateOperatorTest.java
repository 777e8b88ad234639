package dev.sluice.executor.stream;

import static dev.sluice.executor.stream.AggFunction.AVG;
import static dev.sluice.executor.stream.AggFunction.BOOL_AND;
import static dev.sluice.executor.stream.AggFunction.BOOL_OR;
import static dev.sluice.executor.stream.AggFunction.COUNT;
import static dev.sluice.executor.stream.AggFunction.MAX;
import static dev.sluice.executor.stream.AggFunction.MIN;
import static dev.sluice.executor.stream.AggFunction.STRING_AGG;
import static dev.sluice.executor.stream.AggFunction.SUM;
import static dev.sluice.executor.stream.AggFunction.SUM0;
import static dev.sluice.executor.stream.OperatorHarness.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sluice.common.RowKind;
import dev.sluice.common.types.SqlType;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupAggregateOperatorTest {
    static OperatorHarness<GroupAggregateOperator> harness(int[] key, boolean insertOnly, AggregateCall... calls) {
        return new OperatorHarness<>(out -> new GroupAggregateOperator(key, List.of(calls), insertOnly, out));
    }

    static AggregateCall countStar() {
        return AggregateCall.of(COUNT, SqlType.BIGINT);
    }

    @Test
    void countPerKeyInMiniBatches() {
        var h = harness(new int[] {0}, false, countStar());
        h.insert("a", 1).insert("a", 2).insert("b", 3);
        assertEquals(List.of(), h.drain(), "nothing before flush");
        h.flush();
        assertEquals(List.of("+I[a, 2]", "+I[b, 1]"), h.drain());
        h.delete("a", 1).flush();
        assertEquals(List.of("-U[a, 2]", "+U[a, 1]"), h.drain());
        h.delete("a", 2).flush();
        assertEquals(List.of("-D[a, 1]"), h.drain());
        // A group that appears and goes within one batch emits nothing; so does a net-zero change.
        h.insert("c", 1).delete("c", 1).insert("b", 4).delete("b", 3).flush();
        assertEquals(List.of(), h.drain());
        assertEquals(List.of("[b, 1]"), h.table());
        assertEquals(1, h.op.groupCount());
    }

    @Test
    void nullIsAGroup() {
        var h = harness(new int[] {0, 1}, false, countStar());
        h.insert(null, 1).insert(null, 1).insert(null, null).flush();
        assertEquals(List.of("+I[null, 1, 2]", "+I[null, null, 1]"), h.drain());
    }

    @Test
    void globalAggregateAlwaysHasOneRow() {
        var h = harness(
                new int[0],
                false,
                countStar(),
                AggregateCall.of(SUM, SqlType.BIGINT, 0),
                AggregateCall.of(SUM0, SqlType.BIGINT, 0),
                AggregateCall.of(MAX, SqlType.INT, 0));
        h.flush();
        assertEquals(List.of("+I[0, null, 0, null]"), h.drain());
        h.flush();
        assertEquals(List.of(), h.drain());
        h.insert(5).insert(7).flush();
        assertEquals(List.of("-U[0, null, 0, null]", "+U[2, 12, 12, 7]"), h.drain());
        h.snapshotAndRestore();
        assertEquals(List.of(), h.drain(), "a restored global aggregate does not emit its row again");
        h.delete(5).delete(7).flush();
        assertEquals(List.of("-U[2, 12, 12, 7]", "+U[0, null, 0, null]"), h.drain());
        h.snapshotAndRestore().insert(1).flush();
        assertEquals(List.of("-U[0, null, 0, null]", "+U[1, 1, 1, 1]"), h.drain());
    }

    @Test
    void distinctIsAGroupWithoutCalls() {
        var h = harness(new int[] {0, 1}, false);
        h.insert("a", 1).insert("a", 1).insert("b", 2).flush();
        assertEquals(List.of("+I[a, 1]", "+I[b, 2]"), h.drain());
        h.delete("a", 1).flush();
        assertEquals(List.of(), h.drain());
        h.delete("a", 1).snapshotAndRestore();
        assertEquals(List.of("-D[a, 1]"), h.drain());
        h.delete("b", 2).insert("c", 3).flush();
        assertEquals(List.of("-D[b, 2]", "+I[c, 3]"), h.drain());
    }

    @Test
    void unchangedResultsAreNotEmitted() {
        var h = harness(new int[] {0}, false, AggregateCall.of(MAX, SqlType.INT, 1));
        h.insert("a", 5).flush().drain();
        h.insert("a", 3).insert("a", 5).delete("a", 5).flush();
        assertEquals(List.of(), h.drain());
        h.delete("a", 5).flush();
        assertEquals(List.of("-U[a, 5]", "+U[a, 3]"), h.drain());
    }

    @Test
    void resultsHaveTheResultTypesClass() {
        SqlType dec = SqlType.decimal(12, 2);
        Object[] expected = {"g", -5L, -5, -2, 1.5, new BigDecimal("2.51"), new BigDecimal("1.25"), 2L, (short) 5};
        var out = new java.util.ArrayList<Object[]>();
        var op = new GroupAggregateOperator(
                new int[] {0},
                List.of(
                        AggregateCall.of(SUM, SqlType.BIGINT, 1),
                        AggregateCall.of(SUM, SqlType.INT, 1),
                        AggregateCall.of(AVG, SqlType.INT, 1),
                        AggregateCall.of(AVG, SqlType.DOUBLE, 3),
                        AggregateCall.of(SUM, dec, 2),
                        AggregateCall.of(AVG, dec, 2),
                        AggregateCall.of(COUNT, SqlType.BIGINT, 1),
                        AggregateCall.of(SUM, SqlType.SMALLINT, 4)),
                false,
                (k, r) -> out.add(r));
        op.collect(RowKind.INSERT, row("g", -7, new BigDecimal("1.5"), 1.0, (short) 2));
        op.collect(RowKind.INSERT, row("g", 2, new BigDecimal("1.005"), 2.0, (short) 3));
        op.collect(RowKind.INSERT, row("g", null, null, null, null));
        op.flush();
        assertEquals(1, out.size());
        Object[] actual = out.get(0);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], "column " + i);
            assertEquals(expected[i].getClass(), actual[i].getClass(), "class of column " + i);
        }
    }

    @Test
    void avgTruncatesTowardZeroForIntegralTypes() {
        var h = harness(new int[0], false, AggregateCall.of(AVG, SqlType.BIGINT, 0));
        h.insert(-7L).insert(0L).flush();
        assertEquals(List.of("+I[-3]"), h.drain());
    }

    @Test
    void minAndMaxKeepWhatTheyNeedToRetract() {
        var h = harness(
                new int[] {0}, false, AggregateCall.of(MIN, SqlType.TEXT, 1), AggregateCall.of(MAX, SqlType.TEXT, 1));
        h.insert(1, "m").insert(1, "a").insert(1, "z").insert(1, "a").flush();
        assertEquals(List.of("+I[1, a, z]"), h.drain());
        h.delete(1, "a").flush();
        assertEquals(List.of(), h.drain(), "one 'a' is left");
        h.delete(1, "a").delete(1, "z").flush();
        assertEquals(List.of("-U[1, a, z]", "+U[1, m, m]"), h.drain());
        h.snapshotAndRestore().insert(1, "b").delete(1, "m").flush();
        assertEquals(List.of("-U[1, m, m]", "+U[1, b, b]"), h.drain());
    }

    @Test
    void insertOnlyInputKeepsOnlyTheExtremeAndRejectsRetractions() {
        var h = harness(
                new int[] {0},
                true,
                AggregateCall.of(MIN, SqlType.INT, 1),
                AggregateCall.of(MAX, SqlType.INT, 1),
                AggregateCall.of(STRING_AGG, SqlType.TEXT, 2, 3));
        h.insert("k", 3, "x", ",")
                .insert("k", 1, "y", ";")
                .insert("k", 2, null, ",")
                .flush();
        assertEquals(List.of("+I[k, 1, 3, x;y]"), h.drain());
        h.snapshotAndRestore().insert("k", 9, "z", null).flush();
        assertEquals(List.of("-U[k, 1, 3, x;y]", "+U[k, 1, 9, x;yz]"), h.drain());
        assertThrows(IllegalStateException.class, () -> h.delete("k", 9, "z", null));
    }

    @Test
    void boolAndOr() {
        var h = harness(
                new int[0],
                false,
                AggregateCall.of(BOOL_AND, SqlType.BOOLEAN, 0),
                AggregateCall.of(BOOL_OR, SqlType.BOOLEAN, 0));
        h.flush().insert(true).insert((Object) null).flush();
        h.insert(false).flush().delete(true).flush().delete(false).flush();
        assertEquals(
                List.of(
                        "+I[null, null]",
                        "-U[null, null]",
                        "+U[true, true]",
                        "-U[true, true]",
                        "+U[false, true]",
                        "-U[false, true]",
                        "+U[false, false]",
                        "-U[false, false]",
                        "+U[null, null]"),
                h.drain());
    }

    @Test
    void stringAggUnderRetraction() {
        var h = harness(new int[0], false, AggregateCall.of(STRING_AGG, SqlType.TEXT, 0, 1));
        h.insert("a", ",").insert("b", "-").insert("a", "+").insert("c", ",").flush();
        assertEquals(List.of("+I[a-b+a,c]"), h.drain());
        h.delete("a", ",").flush();
        assertEquals(List.of("-U[a-b+a,c]", "+U[b+a,c]"), h.drain());
        h.snapshotAndRestore()
                .delete("b", "-")
                .delete("a", "+")
                .delete("c", ",")
                .flush();
        assertEquals(List.of("-U[b+a,c]", "+U[null]"), h.drain());
    }

    @Test
    void distinctAndFilter() {
        var h = harness(
                new int[] {0},
                false,
                new AggregateCall(COUNT, new int[] {1}, true, -1, SqlType.BIGINT),
                new AggregateCall(SUM, new int[] {1}, true, -1, SqlType.BIGINT),
                new AggregateCall(COUNT, new int[0], false, 2, SqlType.BIGINT),
                new AggregateCall(SUM, new int[] {1}, false, 2, SqlType.BIGINT),
                new AggregateCall(COUNT, new int[] {1}, true, 2, SqlType.BIGINT),
                new AggregateCall(STRING_AGG, new int[] {3, 4}, true, -1, SqlType.TEXT));
        h.insert("k", 1, true, "x", ",").insert("k", 1, false, "x", ";").insert("k", 2, null, "y", ",");
        h.insert("k", null, true, null, ",").flush();
        assertEquals(List.of("+I[k, 2, 3, 2, 1, 1, x,y]"), h.drain());
        h.delete("k", 1, true, "x", ",").flush();
        assertEquals(List.of("-U[k, 2, 3, 2, 1, 1, x,y]", "+U[k, 2, 3, 1, null, 0, x,y]"), h.drain());
        h.snapshotAndRestore().delete("k", 1, false, "x", ";").flush();
        assertEquals(List.of("-U[k, 2, 3, 1, null, 0, x,y]", "+U[k, 1, 2, 1, null, 0, y]"), h.drain());
    }

    @Test
    void decimalKeysGroupBySqlEquality() {
        var h = harness(new int[] {0}, false, countStar());
        h.insert(new BigDecimal("1.0"))
                .insert(new BigDecimal("1.00"))
                .insert(-0.0)
                .insert(0.0)
                .flush();
        assertEquals(List.of("+I[1.0, 2]", "+I[-0.0, 2]"), h.drain());
        h.snapshotAndRestore().delete(new BigDecimal("1")).flush();
        assertEquals(List.of("-U[1.0, 2]", "+U[1.0, 1]"), h.drain());
    }

    @Test
    void retractingARowTheGroupDoesNotHaveIsAnError() {
        var h = harness(new int[] {0}, false, countStar());
        assertThrows(IllegalStateException.class, () -> h.delete("a"));
        h.insert("b").delete("b");
        assertThrows(IllegalStateException.class, () -> h.delete("b"));
    }

    @Test
    void snapshotWritesOnlyChangedGroupsAndDeletesDroppedOnes() {
        var h = harness(new int[] {0}, false, countStar(), AggregateCall.of(SUM, SqlType.BIGINT, 1));
        h.insert("a", 1).insert("b", 2).insert("c", 3).flush();
        List<String> keys = new java.util.ArrayList<>();
        h.op.snapshot((k, v) -> keys.add(ValueCodec.decodeRow(k)[0] + (v == null ? " deleted" : "")));
        assertEquals(List.of("a", "b", "c"), keys);
        keys.clear();
        // b is dropped, comes back, is dropped again: one delete. c is dropped and comes back: one put.
        h.delete("b", 2).flush().insert("b", 5).flush().delete("b", 5).flush();
        h.delete("c", 3).flush().insert("c", 4).flush();
        h.op.snapshot((k, v) -> keys.add(ValueCodec.decodeRow(k)[0] + (v == null ? " deleted" : "")));
        assertEquals(List.of("b deleted", "c"), keys);
        keys.clear();
        h.op.snapshot((k, v) -> keys.add("unexpected"));
        assertEquals(List.of(), keys);
    }
}
