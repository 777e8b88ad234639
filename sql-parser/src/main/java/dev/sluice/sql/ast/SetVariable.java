package dev.sluice.sql.ast;

import java.util.List;

/** {@code SET [SESSION|LOCAL] name = value, ...} (also {@code TO}, {@code SET TIME ZONE}); empty {@code values} means DEFAULT. */
public record SetVariable(SourcePos pos, boolean local, String name, List<Expression> values) implements Statement {
    public SetVariable {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
        values = values == null ? List.of() : List.copyOf(values);
    }
}
