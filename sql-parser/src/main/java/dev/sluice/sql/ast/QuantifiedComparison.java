package dev.sluice.sql.ast;

/** {@code left op ANY|SOME|ALL (right)}; {@code right} is a {@link SubqueryExpression} or an array-valued expression. */
public record QuantifiedComparison(
        SourcePos pos, String operator, Quantifier quantifier, Expression left, Expression right)
        implements Expression {
    public QuantifiedComparison {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
