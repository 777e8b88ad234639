package dev.sluice.sql.ast;

import java.util.List;

/** A complete query: optional WITH, a body, ORDER BY, LIMIT/OFFSET and the streaming EMIT mode (null when absent, meaning a pull query). */
public record Query(
        SourcePos pos,
        With with,
        QueryBody body,
        List<SortItem> orderBy,
        Expression limit,
        Expression offset,
        EmitMode emit)
        implements Node {
    public Query {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
        orderBy = orderBy == null ? List.of() : List.copyOf(orderBy);
    }
}
