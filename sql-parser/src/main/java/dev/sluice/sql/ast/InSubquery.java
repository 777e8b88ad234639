package dev.sluice.sql.ast;

/** {@code value [NOT] IN (SELECT ...)}. */
public record InSubquery(SourcePos pos, Expression value, Query query, boolean negated) implements Expression {
    public InSubquery {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
