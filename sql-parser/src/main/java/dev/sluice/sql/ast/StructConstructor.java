package dev.sluice.sql.ast;

import java.util.List;

/** {@code STRUCT(name1 := v1, ...)}; {@code names} and {@code values} have the same size. */
public record StructConstructor(SourcePos pos, List<String> names, List<Expression> values) implements Expression {
    public StructConstructor {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
        names = names == null ? List.of() : List.copyOf(names);
        values = values == null ? List.of() : List.copyOf(values);
    }
}
