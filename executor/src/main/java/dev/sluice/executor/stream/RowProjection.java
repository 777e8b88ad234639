package dev.sluice.executor.stream;

/** A SQL projection. Returns a NEW array and never modifies its input. */
@FunctionalInterface
public interface RowProjection {
    Object[] apply(Object[] row);
}
