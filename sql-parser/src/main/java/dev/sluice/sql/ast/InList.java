package dev.sluice.sql.ast;

import java.util.List;

/** {@code value [NOT] IN (e1, e2, ...)}. */
public record InList(SourcePos pos, Expression value, List<Expression> list, boolean negated) implements Expression {
    public InList {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
        list = list == null ? List.of() : List.copyOf(list);
    }
}
