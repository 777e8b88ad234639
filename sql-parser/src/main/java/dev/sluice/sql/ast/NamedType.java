package dev.sluice.sql.ast;

import java.util.List;

/** Any other type name, kept as written for the planner: {@code regclass}, {@code pg_catalog.text}, {@code oid}, {@code name}, {@code char(1)}. */
public record NamedType(SourcePos pos, QualifiedName name, List<Integer> modifiers) implements DataType {
    public NamedType {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
        modifiers = modifiers == null ? List.of() : List.copyOf(modifiers);
    }
}
