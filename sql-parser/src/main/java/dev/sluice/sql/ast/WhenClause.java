package dev.sluice.sql.ast;

/** One {@code WHEN condition THEN result} of a {@link Case}. */
public record WhenClause(SourcePos pos, Expression condition, Expression result) implements Node {
    public WhenClause {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
