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
}
