package dev.sluice.executor.stream;

@FunctionalInterface
public interface ChangeCollector {
    void collect(dev.sluice.common.RowKind kind, Object[] row);
}
