package dev.sluice.sql.ast;

/** Unary {@code -} or {@code +}. */
public record UnaryExpression(SourcePos pos, String operator, Expression operand) implements Expression {
    public UnaryExpression {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
