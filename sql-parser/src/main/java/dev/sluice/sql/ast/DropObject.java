package dev.sluice.sql.ast;

import java.util.List;

/** {@code DROP kind [IF EXISTS] name, ... [CASCADE]}. */
public record DropObject(SourcePos pos, ObjectKind kind, boolean ifExists, List<QualifiedName> names, boolean cascade)
        implements Statement {
    public DropObject {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
        names = names == null ? List.of() : List.copyOf(names);
    }
}
