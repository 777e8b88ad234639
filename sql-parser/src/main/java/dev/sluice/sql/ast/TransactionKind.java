package dev.sluice.sql.ast;

/** Kind of a {@link TransactionControl}. */
public enum TransactionKind {
    BEGIN,
    COMMIT,
    ROLLBACK
}
