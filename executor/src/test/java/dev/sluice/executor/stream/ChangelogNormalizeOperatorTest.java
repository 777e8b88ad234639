package dev.sluice.executor.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangelogNormalizeOperatorTest {
    static OperatorHarness<ChangelogNormalizeOperator> harness() {
        return new OperatorHarness<>(out -> new ChangelogNormalizeOperator(new int[] {0}, out));
    }

    @Test
    void upsertsBecomeRetractions() {
        var h = harness();
        h.insert(1, "a")
                .upsert(1, "b")
                .upsert(1, "b")
                .insert(2, "x")
                .delete(1, null)
                .delete(3, null);
        assertEquals(List.of("+I[1, a]", "-U[1, a]", "+U[1, b]", "+I[2, x]", "-D[1, b]"), h.drain());
        assertEquals(List.of("[2, x]"), h.table());
    }

    @Test
    void updateBeforeIsIgnored() {
        var h = harness();
        h.insert(1, "a").update(new Object[] {1, "a"}, new Object[] {1, "c"});
        assertEquals(List.of("+I[1, a]", "-U[1, a]", "+U[1, c]"), h.drain());
    }

    @Test
    void compositeAndDecimalKeysCompareAsSql() {
        var h = new OperatorHarness<>(out -> new ChangelogNormalizeOperator(new int[] {0, 1}, out));
        h.insert(new BigDecimal("1.0"), "k", 1)
                .upsert(new BigDecimal("1.00"), "k", 2)
                .insert(null, "k", 3);
        h.delete(BigDecimal.ONE, "k", null).delete(null, "k", null);
        assertEquals(
                List.of(
                        "+I[1.0, k, 1]",
                        "-U[1.0, k, 1]",
                        "+U[1.00, k, 2]",
                        "+I[null, k, 3]",
                        "-D[1.00, k, 2]",
                        "-D[null, k, 3]"),
                h.drain());
    }

    @Test
    void stateSurvivesSnapshotAndRestore() {
        var h = harness();
        h.insert(1, "a").insert(2, "b").insert(3, "c").snapshotAndRestore();
        assertEquals(3, h.store.size());
        h.upsert(1, "a2").delete(2, null).snapshotAndRestore();
        assertEquals(2, h.store.size());
        h.delete(1, null).upsert(3, "c2").insert(2, "b2");
        h.drain();
        assertEquals(List.of("[2, b2]", "[3, c2]"), h.table());
        assertEquals(2, h.op.size());
    }
}
