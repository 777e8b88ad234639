package dev.sluice.executor.stream;

import static dev.sluice.executor.stream.AggFunction.BOOL_AND;
import static dev.sluice.executor.stream.AggFunction.BOOL_OR;
import static dev.sluice.executor.stream.AggFunction.COUNT;
import static dev.sluice.executor.stream.AggFunction.MAX;
import static dev.sluice.executor.stream.AggFunction.MIN;
import static dev.sluice.executor.stream.AggFunction.STRING_AGG;
import static dev.sluice.executor.stream.AggFunction.SUM;
import static dev.sluice.executor.stream.AggFunction.SUM0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.common.RowKind;
import dev.sluice.common.types.SqlType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Two-phase aggregation gives exactly what one aggregate gives: local partials per batch, merged by
 * the global aggregate with {@link LocalAggregateOperator#globalCalls}, after every batch.
 */
class LocalAggregateOperatorTest {
    // Input: (g INT, v INT, d DECIMAL, b BOOLEAN, keep BOOLEAN)
    private static final List<AggregateCall> CALLS = List.of(
            AggregateCall.of(COUNT, SqlType.BIGINT),
            AggregateCall.of(COUNT, SqlType.BIGINT, 1),
            new AggregateCall(COUNT, new int[0], false, 4, SqlType.BIGINT),
            AggregateCall.of(SUM, SqlType.BIGINT, 1),
            new AggregateCall(SUM, new int[] {1}, false, 4, SqlType.BIGINT),
            AggregateCall.of(SUM0, SqlType.BIGINT, 1),
            AggregateCall.of(SUM, SqlType.decimal(14, 2), 2),
            AggregateCall.of(MIN, SqlType.INT, 1),
            AggregateCall.of(MAX, SqlType.INT, 1),
            AggregateCall.of(BOOL_AND, SqlType.BOOLEAN, 3),
            AggregateCall.of(BOOL_OR, SqlType.BOOLEAN, 3));

    @Test
    void partialsMergedAboveEqualOneAggregateAfterEveryBatch() {
        for (long seed = 0; seed < 20; seed++) {
            Random random = new Random(seed);
            ChangelogSink direct = new ChangelogSink();
            GroupAggregateOperator one = new GroupAggregateOperator(new int[] {0}, CALLS, true, direct);
            ChangelogSink merged = new ChangelogSink();
            GroupAggregateOperator global = new GroupAggregateOperator(
                    new int[] {0}, LocalAggregateOperator.globalCalls(1, CALLS), true, merged);
            LocalAggregateOperator local = new LocalAggregateOperator(new int[] {0}, CALLS, global);
            int rows = 0;
            for (int batch = 0; batch < 30; batch++) {
                int n = random.nextInt(40);
                for (int i = 0; i < n; i++) {
                    Object[] row = {
                        random.nextInt(6) == 0 ? null : random.nextInt(5),
                        random.nextInt(5) == 0 ? null : random.nextInt(200) - 100,
                        random.nextInt(5) == 0 ? null : BigDecimal.valueOf(random.nextInt(10_000), 2),
                        random.nextInt(4) == 0 ? null : random.nextBoolean(),
                        random.nextInt(3) == 0 ? null : random.nextBoolean()
                    };
                    one.collect(RowKind.INSERT, row.clone());
                    local.collect(RowKind.INSERT, row);
                    rows++;
                }
                one.flush();
                local.flush();
                global.flush();
                assertEquals(direct.table(), merged.table(), "seed " + seed + ", batch " + batch);
            }
            assertTrue(rows > 0);
        }
    }

    @Test
    void aBatchBecomesOnePartialRowPerGroup() {
        ChangelogSink out = new ChangelogSink();
        LocalAggregateOperator local = new LocalAggregateOperator(
                new int[] {0},
                List.of(AggregateCall.of(COUNT, SqlType.BIGINT), AggregateCall.of(MAX, SqlType.INT, 1)),
                out);
        for (int i = 0; i < 100; i++) {
            local.collect(RowKind.INSERT, new Object[] {i % 3, i});
        }
        local.flush();
        assertEquals(List.of("+I[0, 34, 99]", "+I[1, 33, 97]", "+I[2, 33, 98]"), out.drain());
        local.flush(); // nothing kept across flushes
        assertEquals(List.of(), out.drain());
        local.collect(RowKind.INSERT, new Object[] {1, 5});
        local.flush();
        assertEquals(List.of("+I[1, 1, 5]"), out.drain());
    }

    @Test
    void onlyMergeableCallsOverInsertsQualify() {
        assertTrue(LocalAggregateOperator.mergeable(List.of())); // DISTINCT: keys only
        assertTrue(LocalAggregateOperator.mergeable(CALLS));
        assertFalse(LocalAggregateOperator.mergeable(
                List.of(new AggregateCall(COUNT, new int[] {1}, true, -1, SqlType.BIGINT))));
        assertFalse(LocalAggregateOperator.mergeable(List.of(AggregateCall.of(STRING_AGG, SqlType.TEXT, 1, 2))));
        assertThrows(
                IllegalArgumentException.class,
                () -> new LocalAggregateOperator(
                        new int[] {0}, List.of(AggregateCall.of(STRING_AGG, SqlType.TEXT, 1, 2)), new ChangelogSink()));
        LocalAggregateOperator local = new LocalAggregateOperator(
                new int[] {0}, List.of(AggregateCall.of(COUNT, SqlType.BIGINT)), new ChangelogSink());
        assertThrows(IllegalStateException.class, () -> local.collect(RowKind.DELETE, new Object[] {1}));
    }
}
