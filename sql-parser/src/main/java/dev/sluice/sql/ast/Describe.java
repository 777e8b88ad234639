package dev.sluice.sql.ast;

/** {@code DESCRIBE [EXTENDED] name}. */
public record Describe(SourcePos pos, QualifiedName name, boolean extended) implements Statement {
    public Describe {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
