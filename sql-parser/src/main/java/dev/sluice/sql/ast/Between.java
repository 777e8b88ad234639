package dev.sluice.sql.ast;

/** {@code value [NOT] BETWEEN low AND high}. */
public record Between(SourcePos pos, Expression value, Expression low, Expression high, boolean negated)
        implements Expression {
    public Between {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
