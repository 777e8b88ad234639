package dev.sluice.executor.stream;

/** The aggregate functions {@link GroupAggregateOperator} maintains under retraction. */
public enum AggFunction {
    /** Args empty = {@code COUNT(*)}; otherwise counts rows whose args are all non-null. */
    COUNT,
    /** Sum of non-null values; NULL when there are none. */
    SUM,
    /** Calcite's {@code $SUM0}: like SUM but 0 instead of NULL when there are no values. */
    SUM0,
    /** Average of non-null values in the result type; NULL when there are none. */
    AVG,
    MIN,
    MAX,
    BOOL_AND,
    BOOL_OR,
    /** Args = value, delimiter: the values in arrival order, each after the first preceded by its row's delimiter. */
    STRING_AGG
}
