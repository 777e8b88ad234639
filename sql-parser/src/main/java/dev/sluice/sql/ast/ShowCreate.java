package dev.sluice.sql.ast;

/** {@code SHOW CREATE [kind] name}; {@code kind} is null when not given. */
public record ShowCreate(SourcePos pos, ObjectKind kind, QualifiedName name) implements Statement {
    public ShowCreate {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
