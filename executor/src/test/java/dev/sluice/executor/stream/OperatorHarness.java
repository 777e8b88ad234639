package dev.sluice.executor.stream;

import dev.sluice.common.RowKind;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Drives one operator: feeds changes, collects and materializes its output ({@link ChangelogSink}),
 * and checkpoints it ({@link #snapshotAndRestore()}: flush, snapshot, then a new instance restored
 * from the snapshot carries on).
 */
final class OperatorHarness<T extends StreamOperator> {
    final ChangelogSink sink = new ChangelogSink();
    final FakeStateStore store = new FakeStateStore();
    private final Function<ChangeCollector, T> factory;
    private final Random random = new Random(42);
    T op;

    OperatorHarness(Function<ChangeCollector, T> factory) {
        this.factory = factory;
        this.op = factory.apply(sink);
    }

    /** Stops checking the output changelog (see {@link ChangelogSink#lenient()}). */
    OperatorHarness<T> lenient() {
        sink.lenient();
        return this;
    }

    OperatorHarness<T> insert(Object... row) {
        op.collect(RowKind.INSERT, row);
        return this;
    }

    OperatorHarness<T> delete(Object... row) {
        op.collect(RowKind.DELETE, row);
        return this;
    }

    OperatorHarness<T> upsert(Object... row) {
        op.collect(RowKind.UPDATE_AFTER, row);
        return this;
    }

    OperatorHarness<T> update(Object[] before, Object[] after) {
        op.collect(RowKind.UPDATE_BEFORE, before);
        op.collect(RowKind.UPDATE_AFTER, after);
        return this;
    }

    OperatorHarness<T> flush() {
        op.flush();
        return this;
    }

    /** Flushes, snapshots, and replaces the operator with a new instance restored from the store. */
    OperatorHarness<T> snapshotAndRestore() {
        op.flush();
        store.snapshot(op);
        op = factory.apply(sink);
        store.restore(op, random);
        return this;
    }

    /** Output since the last call, e.g. {@code +I[a, 1]}. */
    List<String> drain() {
        return sink.drain();
    }

    /** The materialized output, sorted. */
    List<String> table() {
        return sink.table();
    }

    static Object[] row(Object... values) {
        return values;
    }
}
