package dev.sluice.sql.ast;

import java.util.List;

/** {@code ARRAY[e1, e2, ...]}. */
public record ArrayConstructor(SourcePos pos, List<Expression> elements) implements Expression {
    public ArrayConstructor {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
        elements = elements == null ? List.of() : List.copyOf(elements);
    }
}
