package dev.sluice.sql.ast;

/** {@code NOT e}. */
public record NotExpression(SourcePos pos, Expression operand) implements Expression {
    public NotExpression {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
