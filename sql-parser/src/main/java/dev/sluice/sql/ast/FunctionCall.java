package dev.sluice.sql.ast;

import java.util.List;

/** A function call: {@code f(args)}, {@code COUNT(*)} ({@code star}), {@code COUNT(DISTINCT x)}, with optional aggregate ORDER BY, {@code FILTER (WHERE ...)} and {@code OVER (...)}; absent parts are empty lists or null. */
public record FunctionCall(
        SourcePos pos,
        QualifiedName name,
        boolean distinct,
        boolean star,
        List<Expression> arguments,
        List<SortItem> orderBy,
        Expression filter,
        WindowSpec over)
        implements Expression {
    public FunctionCall {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
        arguments = arguments == null ? List.of() : List.copyOf(arguments);
        orderBy = orderBy == null ? List.of() : List.copyOf(orderBy);
    }
}
