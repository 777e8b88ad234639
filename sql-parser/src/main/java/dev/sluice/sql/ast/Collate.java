package dev.sluice.sql.ast;

/** {@code e COLLATE name}. */
public record Collate(SourcePos pos, Expression expression, QualifiedName collation) implements Expression {
    public Collate {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
