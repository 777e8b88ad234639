package dev.sluice.pgwire.engine;

/**
 * What kind of statement was prepared. pg-wire needs only the kinds that change protocol state:
 * transaction control (ReadyForQuery status, portal lifetime) and empty statements
 * (EmptyQueryResponse); everything else is {@link #QUERY} or {@link #OTHER}.
 */
public enum StatementKind {
    /** Only whitespace and comments: answers EmptyQueryResponse. */
    EMPTY,
    /** Returns rows (SELECT, SHOW, push queries, FETCH). */
    QUERY,
    /** BEGIN / START TRANSACTION: ReadyForQuery reports 'T' afterwards. */
    BEGIN,
    /** COMMIT / END: back to 'I'; closes cursors. */
    COMMIT,
    /** ROLLBACK / ABORT: back to 'I'; closes cursors. */
    ROLLBACK,
    /** Everything else (DDL, DML, SET, COPY, DECLARE, CLOSE, ...). */
    OTHER
}
