package dev.sluice.sql.ast;

/** {@code TERMINATE query_id}; {@code queryId} is null for TERMINATE ALL. */
public record Terminate(SourcePos pos, String queryId) implements Statement {
    public Terminate {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
