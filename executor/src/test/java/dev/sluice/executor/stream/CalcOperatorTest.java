package dev.sluice.executor.stream;

import static dev.sluice.executor.stream.OperatorHarness.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CalcOperatorTest {
    /** WHERE v > 10, SELECT k, v * 2. */
    static OperatorHarness<CalcOperator> harness() {
        return new OperatorHarness<>(out -> new CalcOperator(
                        r -> r[1] != null && (Integer) r[1] > 10,
                        r -> new Object[] {r[0], r[1] == null ? null : (Integer) r[1] * 2},
                        out))
                .lenient();
    }

    @Test
    void insertsAndDeletesPassOrDrop() {
        var h = harness();
        h.insert("a", 11).insert("b", 5).insert("c", null).delete("a", 11).delete("b", 5);
        assertEquals(List.of("+I[a, 22]", "-D[a, 22]"), h.drain());
    }

    @Test
    void updatePairsAreRewrittenWhenThePredicateFlips() {
        var h = harness();
        h.update(row("a", 11), row("a", 12)); // both pass
        h.update(row("b", 11), row("b", 1)); // only old passes
        h.update(row("c", 1), row("c", 12)); // only new passes
        h.update(row("d", 1), row("d", 2)); // neither
        h.update(row("e", null), row("e", 20)); // NULL rejects like false
        assertEquals(List.of("-U[a, 22]", "+U[a, 24]", "-D[b, 22]", "+I[c, 24]", "+I[e, 40]"), h.drain());
    }

    @Test
    void unchangedProjectionDropsThePair() {
        var h = new OperatorHarness<>(out -> new CalcOperator(null, r -> new Object[] {r[0]}, out)).lenient();
        h.update(row("a", 1), row("a", 2));
        h.update(row("a", 1), row("b", 1));
        assertEquals(List.of("-U[a]", "+U[b]"), h.drain());
    }

    @Test
    void noFilterNoProjectionPassesRowsThrough() {
        var h = new OperatorHarness<>(out -> new CalcOperator(null, null, out)).lenient();
        Object[] r = row(1, 2);
        h.insert(r).update(row(1, 2), row(1, 3));
        assertEquals(List.of("+I[1, 2]", "-U[1, 2]", "+U[1, 3]"), h.drain());
    }

    @Test
    void pairSplitByAFlushBecomesDeleteThenInsert() {
        var h = harness();
        h.op.collect(dev.sluice.common.RowKind.UPDATE_BEFORE, row("a", 11));
        h.flush();
        assertEquals(List.of("-D[a, 22]"), h.drain());
        h.upsert("a", 13);
        assertEquals(List.of("+I[a, 26]"), h.drain());
    }

    @Test
    void loneUpdateAfterPassesAsUpsert() {
        var h = harness();
        h.upsert("a", 13).upsert("b", 1);
        assertEquals(List.of("+U[a, 26]"), h.drain());
    }

    @Test
    void twoBeforesInARowAreAnError() {
        var h = harness();
        h.op.collect(dev.sluice.common.RowKind.UPDATE_BEFORE, row("a", 11));
        assertThrows(
                IllegalStateException.class, () -> h.op.collect(dev.sluice.common.RowKind.UPDATE_BEFORE, row("a", 11)));
    }
}
