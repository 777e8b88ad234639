package dev.sluice.executor.stream;

import dev.sluice.common.types.SqlType;
import java.util.Arrays;
import java.util.Objects;

/**
 * One aggregate call of a {@link GroupAggregateOperator}, as in Calcite's {@code AggregateCall}.
 *
 * @param function the function
 * @param args input column indexes (empty for {@code COUNT(*)}; value, delimiter for STRING_AGG)
 * @param distinct true for {@code f(DISTINCT ...)}: each distinct argument value counts once
 * @param filterArg -1 for none; else the index of a BOOLEAN column: only rows where it is TRUE count
 * @param resultType the SQL type of the result; results are of its internal Java class
 */
public record AggregateCall(AggFunction function, int[] args, boolean distinct, int filterArg, SqlType resultType) {
    public AggregateCall {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(resultType, "resultType");
        args = args.clone();
        int expected =
                switch (function) {
                    case COUNT -> -1;
                    case STRING_AGG -> 2;
                    default -> 1;
                };
        if (expected >= 0 && args.length != expected) {
            throw new IllegalArgumentException(function + " takes " + expected + " argument(s), got " + args.length);
        }
        if (function == AggFunction.COUNT && args.length == 0 && distinct) {
            throw new IllegalArgumentException("COUNT(DISTINCT *) is not a thing");
        }
    }

    /** A call without DISTINCT and FILTER. */
    public static AggregateCall of(AggFunction function, SqlType resultType, int... args) {
        return new AggregateCall(function, args, false, -1, resultType);
    }

    @Override
    public int[] args() {
        return args.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AggregateCall c
                && c.function == function
                && Arrays.equals(c.args, args)
                && c.distinct == distinct
                && c.filterArg == filterArg
                && c.resultType.equals(resultType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(function, Arrays.hashCode(args), distinct, filterArg, resultType);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(function.name()).append('(');
        if (distinct) {
            sb.append("DISTINCT ");
        }
        sb.append(args.length == 0 ? "*" : Arrays.toString(args)).append(')');
        if (filterArg >= 0) {
            sb.append(" FILTER $").append(filterArg);
        }
        return sb.append(": ").append(resultType).toString();
    }
}
