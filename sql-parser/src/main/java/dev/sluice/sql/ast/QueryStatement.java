package dev.sluice.sql.ast;

/** A query (pull, or push with EMIT CHANGES/FINAL) used as a statement. */
public record QueryStatement(SourcePos pos, Query query) implements Statement {
    public QueryStatement {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
