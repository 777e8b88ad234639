package dev.sluice.sql.ast;

/** A scalar subquery {@code (SELECT ...)} used as a value. */
public record SubqueryExpression(SourcePos pos, Query query) implements Expression {
    public SubqueryExpression {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
