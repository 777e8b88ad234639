package dev.sluice.sql.ast;

/** Kind of a {@link SavepointControl}. */
public enum SavepointKind {
    SAVEPOINT,
    RELEASE,
    ROLLBACK_TO
}
