package dev.sluice.executor.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.common.RowKind;
import dev.sluice.common.types.SqlType;
import dev.sluice.executor.state.QueryState;
import dev.sluice.executor.state.StateStore;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operators reading their state through to a real RocksDB {@link QueryState} with a tiny heap cache
 * (4 entries) give exactly the output of the heap-only operators, over random changes with
 * retractions (every aggregate kind of {@link RandomizedPipelineTest}, groups that empty and come
 * back), checkpointing as a persistent query does (flush, snapshot, apply to the copy, {@link
 * StreamOperator#checkpointApplied}) every few batches, and restarting from the copy alone (new
 * operators, empty caches) now and then.
 *
 * <p>A failure prints its seed; rerun with {@code -Dtest.seed=N}.
 */
class ReadThroughStateTest {
    static final long SEED = Long.getLong("test.seed", System.nanoTime());
    static final int CACHE = 4;

    @TempDir
    Path dir;

    /**
     * ChangelogNormalize → Calc → the aggregates of {@link RandomizedPipelineTest#AGGS}, each
     * aggregate and the normalize with a sink of their own that outlives restarts.
     */
    static final class Chain {
        final boolean insertOnly;
        final List<ChangelogSink> sinks = new ArrayList<>();
        final ChangelogSink normalized = new ChangelogSink();
        ChangelogNormalizeOperator normalize;
        CalcOperator calc;
        List<GroupAggregateOperator> aggs;
        List<StreamOperator> operators;

        Chain(boolean insertOnly) {
            this.insertOnly = insertOnly;
            for (int i = 0; i < RandomizedPipelineTest.AGGS.size(); i++) {
                sinks.add(new ChangelogSink());
            }
            build();
        }

        void build() {
            aggs = new ArrayList<>();
            for (int i = 0; i < RandomizedPipelineTest.AGGS.size(); i++) {
                RandomizedPipelineTest.Agg a = RandomizedPipelineTest.AGGS.get(i);
                aggs.add(new GroupAggregateOperator(a.key(), a.calls(), insertOnly, sinks.get(i)));
            }
            CalcOperator calc =
                    new CalcOperator(RandomizedPipelineTest::where, RandomizedPipelineTest::select, (kind, row) -> {
                        for (GroupAggregateOperator a : aggs) {
                            a.collect(kind, row);
                        }
                    });
            normalize = new ChangelogNormalizeOperator(new int[] {0}, (kind, row) -> {
                normalized.collect(kind, row);
                calc.collect(kind, row);
            });
            operators = new ArrayList<>(List.of(normalize, calc));
            operators.addAll(aggs);
            this.calc = calc;
        }

        void collect(RowKind kind, Object[] row) {
            if (insertOnly) {
                calc.collect(kind, row);
            } else {
                normalize.collect(kind, row);
            }
        }

        void flush() {
            for (StreamOperator op : operators) {
                op.flush();
            }
        }

        /**
         * Read-through on {@code state}, each operator's keys prefixed by its position, as {@code
         * Pipeline.readThrough} does (an operator with no entries yet skips reads until it evicts).
         */
        void readThrough(QueryState state) {
            for (int i = 0; i < operators.size(); i++) {
                operators.get(i).readThrough(state.reader(new byte[] {0, (byte) i}), CACHE);
            }
        }

        /** A persistent query's checkpoint: flush, snapshot, apply to the copy, then the hook. */
        void checkpoint(QueryState state, long offset) {
            flush();
            List<byte[][]> changes = new ArrayList<>();
            Set<ByteBuffer> seen = new HashSet<>();
            for (int i = 0; i < operators.size(); i++) {
                byte[] prefix = {0, (byte) i};
                operators.get(i).snapshot((key, value) -> {
                    byte[] k = concat(prefix, key);
                    assertTrue(seen.add(ByteBuffer.wrap(k)), "key written twice in one snapshot");
                    changes.add(new byte[][] {k, value});
                });
            }
            state.apply(changes, offset);
            for (StreamOperator op : operators) {
                op.checkpointApplied();
            }
            for (GroupAggregateOperator a : aggs) {
                assertTrue(a.groupCount() <= CACHE, "groups on the heap after a checkpoint: " + a.groupCount());
            }
            assertTrue(normalize.size() <= CACHE, "rows on the heap after a checkpoint: " + normalize.size());
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void aggregatesAndNormalizeOverRocksDbMatchHeapOnlyOperators() {
        try (StateStore store = StateStore.open(dir)) {
            for (boolean insertOnly : new boolean[] {false, true}) {
                compare(store.query(insertOnly ? 2 : 1), insertOnly);
            }
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("seed " + SEED + " (rerun with -Dtest.seed=" + SEED + ")", e);
        }
    }

    private static void compare(QueryState state, boolean insertOnly) {
        Chain heap = new Chain(insertOnly);
        Chain read = new Chain(insertOnly);
        read.readThrough(state);
        Random choices = new Random(SEED + 1);
        var w1 = new RandomizedPipelineTest.Workload(new Random(SEED), insertOnly);
        var w2 = new RandomizedPipelineTest.Workload(new Random(SEED), insertOnly);
        long offset = 0;
        int restarts = 0;
        for (int batch = 0; batch < 600; batch++) {
            int n = choices.nextInt(12) + 1;
            for (int i = 0; i < n; i++) {
                w1.step(heap::collect);
                w2.step(read::collect);
            }
            heap.flush();
            if (choices.nextInt(3) == 0) {
                read.checkpoint(state, ++offset);
                if (choices.nextInt(8) == 0) { // a restart: new operators, nothing on the heap
                    read.build();
                    read.readThrough(state);
                    restarts++;
                }
            } else {
                read.flush();
            }
            if (batch % 50 == 49) {
                assertEquals(heap.normalized.log(), read.normalized.log(), "normalize output, batch " + batch);
            }
        }
        assertTrue(restarts > 0);
        assertEquals(heap.normalized.log(), read.normalized.log(), "normalize output");
        for (int i = 0; i < heap.sinks.size(); i++) {
            assertEquals(heap.sinks.get(i).log(), read.sinks.get(i).log(), "output of aggregate " + i);
        }
    }

    @Test
    void normalizeWithManyKeysMatchesHeapOnly() {
        try (StateStore store = StateStore.open(dir)) {
            QueryState state = store.query(3);
            Random r = new Random(SEED);
            ChangelogSink expected = new ChangelogSink();
            ChangelogSink actual = new ChangelogSink();
            ChangelogNormalizeOperator heap = new ChangelogNormalizeOperator(new int[] {0}, expected);
            ChangelogNormalizeOperator[] read = {new ChangelogNormalizeOperator(new int[] {0}, actual)};
            read[0].readThrough(state::get, CACHE);
            long offset = 0;
            for (int step = 0; step < 20_000; step++) {
                int key = r.nextInt(200);
                RowKind kind =
                        r.nextInt(3) == 0 ? RowKind.DELETE : r.nextBoolean() ? RowKind.INSERT : RowKind.UPDATE_AFTER;
                Object[] row = {key, kind == RowKind.DELETE ? null : "v" + r.nextInt(3)};
                heap.collect(kind, row);
                read[0].collect(kind, row);
                if (r.nextInt(20) == 0) {
                    List<byte[][]> changes = new ArrayList<>();
                    read[0].snapshot((k, v) -> changes.add(new byte[][] {k, v}));
                    state.apply(changes, ++offset);
                    read[0].checkpointApplied();
                    assertTrue(read[0].size() <= CACHE);
                    if (r.nextInt(10) == 0) {
                        read[0] = new ChangelogNormalizeOperator(new int[] {0}, actual);
                        read[0].readThrough(state::get, CACHE);
                    }
                }
            }
            assertEquals(expected.log(), actual.log());
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("seed " + SEED + " (rerun with -Dtest.seed=" + SEED + ")", e);
        }
    }

    @Test
    void aDeletedGroupDoesNotComeBackFromRocksDbBeforeItsDeleteIsApplied() {
        try (StateStore store = StateStore.open(dir)) {
            QueryState state = store.query(4);
            ChangelogSink sink = new ChangelogSink();
            List<AggregateCall> calls = List.of(
                    new AggregateCall(AggFunction.COUNT, new int[0], false, -1, SqlType.BIGINT),
                    new AggregateCall(AggFunction.MAX, new int[] {1}, false, -1, SqlType.INT));
            var op = new GroupAggregateOperator(new int[] {0}, calls, false, sink);
            op.readThrough(state::get, 1);
            op.collect(RowKind.INSERT, new Object[] {"a", 1});
            op.collect(RowKind.INSERT, new Object[] {"a", 5});
            op.collect(RowKind.INSERT, new Object[] {"b", 2});
            op.flush();
            List<byte[][]> changes = new ArrayList<>();
            op.snapshot((k, v) -> changes.add(new byte[][] {k, v}));
            state.apply(changes, 1);
            op.checkpointApplied();
            assertEquals(1, op.groupCount(), "one group evicted");
            // Group a empties (read back from RocksDB if it was evicted), then comes back in a later
            // batch of the same epoch: a new group, not the committed one.
            op.collect(RowKind.DELETE, new Object[] {"a", 1});
            op.collect(RowKind.DELETE, new Object[] {"a", 5});
            op.flush();
            op.collect(RowKind.INSERT, new Object[] {"a", 3});
            op.flush();
            sink.drain();
            assertEquals(List.of("[a, 1, 3]", "[b, 1, 2]"), sink.table());
        }
    }
}
