package dev.sluice.sql.ast;

import java.util.List;

/** {@code MAP(k1 := v1, ...)}; {@code keys} and {@code values} have the same size. */
public record MapConstructor(SourcePos pos, List<Expression> keys, List<Expression> values) implements Expression {
    public MapConstructor {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
        keys = keys == null ? List.of() : List.copyOf(keys);
        values = values == null ? List.of() : List.copyOf(values);
    }
}
