package dev.sluice.sql.ast;

/** {@code value IS [NOT] NULL|TRUE|FALSE|UNKNOWN}. */
public record IsPredicate(SourcePos pos, Expression value, IsKind kind, boolean negated) implements Expression {
    public IsPredicate {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
