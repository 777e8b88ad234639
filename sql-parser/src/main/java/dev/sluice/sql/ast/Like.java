package dev.sluice.sql.ast;

/** {@code value [NOT] LIKE|ILIKE pattern [ESCAPE e]}; {@code escape} is null when absent. */
public record Like(
        SourcePos pos,
        Expression value,
        Expression pattern,
        Expression escape,
        boolean caseInsensitive,
        boolean negated)
        implements Expression {
    public Like {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
