package dev.sluice.sql.ast;

/** A parenthesized query used as a set operand, e.g. {@code (SELECT ... LIMIT 1) UNION ...}. */
public record SubqueryBody(SourcePos pos, Query query) implements QueryBody {
    public SubqueryBody {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
