package dev.sluice.sql.ast;

/** {@code DEALLOCATE [PREPARE] name}; {@code name} is null for ALL. */
public record Deallocate(SourcePos pos, String name) implements Statement {
    public Deallocate {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
