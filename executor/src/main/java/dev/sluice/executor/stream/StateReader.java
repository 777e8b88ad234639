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

    /**
     * False if the store certainly holds none of the operator's entries (a new query): until the
     * operator evicts something, a key not on its heap is then new and needs no read, so a state that
     * fits in the cache costs no reads at all. Asked once, by {@link StreamOperator#readThrough}.
     */
    default boolean mayHaveEntries() {
        return true;
    }
}
