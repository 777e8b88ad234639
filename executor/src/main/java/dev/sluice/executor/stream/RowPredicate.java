package dev.sluice.executor.stream;

/** A SQL WHERE condition: true only when the condition is TRUE (NULL and FALSE reject). */
@FunctionalInterface
public interface RowPredicate {
    boolean test(Object[] row);
}
