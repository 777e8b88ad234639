package dev.sluice.sql.ast;

/** {@code EXISTS (query)}. */
public record Exists(SourcePos pos, Query query) implements Expression {
    public Exists {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
