package dev.sluice.sql.ast;

/**
 * {@code EXPLAIN query_id} (as in ksqlDB): how a running persistent query runs: its tasks and its
 * streaming plan.
 */
public record ExplainQuery(SourcePos pos, String queryId) implements Statement {
    public ExplainQuery {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
