package dev.sluice.sql.ast;

import java.util.List;

/** {@code ROW(e1, e2, ...)}. */
public record RowConstructor(SourcePos pos, List<Expression> values) implements Expression {
    public RowConstructor {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
        values = values == null ? List.of() : List.copyOf(values);
    }
}
