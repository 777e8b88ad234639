package dev.sluice.sql.ast;

/** A binary operator. {@code operator} is one of AND, OR, = <> < <= > >=, + - * / % ^ ||, -> ->>, ~ ~* !~ !~*, IS DISTINCT FROM, IS NOT DISTINCT FROM, or PostgreSQL's explicit form such as {@code OPERATOR(pg_catalog.~)}. */
public record BinaryExpression(SourcePos pos, String operator, Expression left, Expression right)
        implements Expression {
    public BinaryExpression {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
