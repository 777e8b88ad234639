package dev.sluice.executor.stream;

/**
 * Where an operator reads the state entries it does not hold on the heap: the committed state it
 * wrote with {@link StreamOperator#snapshot}, as of the last checkpoint applied there (a query's
 * local RocksDB copy, {@code executor/.../state/QueryState}). Keys are the operator's own keys (no
 * operator prefix).
 */
@FunctionalInterface
public interface StateReader {
    /** The value stored for {@code key}, or null if there is none. */
    byte[] get(byte[] key);
}
