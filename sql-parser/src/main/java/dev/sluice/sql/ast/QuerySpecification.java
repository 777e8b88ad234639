package dev.sluice.sql.ast;

import java.util.List;

/** {@code SELECT ... FROM ... WINDOW ... WHERE ... GROUP BY ... HAVING ...}; absent clauses are empty lists or null. */
public record QuerySpecification(
        SourcePos pos,
        boolean distinct,
        List<Expression> distinctOn,
        List<SelectItem> select,
        List<Relation> from,
        StreamWindow window,
        Expression where,
        List<Expression> groupBy,
        Expression having)
        implements QueryBody {
    public QuerySpecification {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
        distinctOn = distinctOn == null ? List.of() : List.copyOf(distinctOn);
        select = select == null ? List.of() : List.copyOf(select);
        from = from == null ? List.of() : List.copyOf(from);
        groupBy = groupBy == null ? List.of() : List.copyOf(groupBy);
    }
}
