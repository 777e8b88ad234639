package dev.sluice.sql.ast;

import java.util.List;

/** A reference to a column, possibly qualified ({@code t.c}); resolution (column vs struct field) is the planner's job. */
public record ColumnRef(SourcePos pos, List<String> parts) implements Expression {
    public ColumnRef {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
        parts = parts == null ? List.of() : List.copyOf(parts);
    }
}
