package dev.sluice.executor.stream;

/** Where {@link StreamOperator#snapshot} writes its state changes. */
@FunctionalInterface
public interface StateChanges {
    /** Sets {@code key} to {@code valueOrNull}; null deletes the key. */
    void put(byte[] key, byte[] valueOrNull);
}
