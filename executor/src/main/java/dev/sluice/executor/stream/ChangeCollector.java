package dev.sluice.executor.stream;

import dev.sluice.common.RowKind;

/**
 * Receives a changelog one change at a time. Rows are in Calcite's internal representation (see
 * {@link dev.sluice.executor.stream package docs}) and are never modified once handed over.
 */
@FunctionalInterface
public interface ChangeCollector {
    void collect(RowKind kind, Object[] row);
}
