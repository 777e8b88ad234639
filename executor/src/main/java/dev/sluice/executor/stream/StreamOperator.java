package dev.sluice.executor.stream;

/**
 * A continuous operator: receives changes through {@link #collect} and sends its output,
 * synchronously, to the downstream {@link ChangeCollector} it was constructed with.
 */
public interface StreamOperator extends ChangeCollector {
    /**
     * Emits output held back for batching (e.g. aggregate results of groups changed since the last
     * flush). Called at the end of each input batch and before each checkpoint.
     */
    default void flush() {}

    /**
     * After {@link #flush()} at a checkpoint: every state change since the previous snapshot, as
     * opaque key/value bytes (value null = delete the key). Keys are unique within this operator.
     */
    default void snapshot(StateChanges out) {}

    /** Before processing starts: one call per live key with the latest value snapshot() wrote. Any order. */
    default void restore(byte[] key, byte[] value) {}

    /**
     * Before processing starts, instead of {@link #restore}: the operator's committed state is in
     * {@code reader} (which then receives every later checkpoint's changes, see {@link
     * #checkpointApplied}); the operator reads entries from it when it needs them and holds at most
     * {@code cacheEntries} unchanged entries on the heap between checkpoints.
     */
    default void readThrough(StateReader reader, int cacheEntries) {}

    /**
     * After the changes of the last {@link #snapshot} were written where the {@link #readThrough}
     * reader reads, before any further input: entries unchanged since may now be dropped from the heap
     * (they read back as they are). Without a reader it does nothing.
     */
    default void checkpointApplied() {}
}
