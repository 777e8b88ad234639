package dev.sluice.sql.ast;

/** What {@link IsPredicate} tests for. */
public enum IsKind {
    NULL,
    TRUE,
    FALSE,
    UNKNOWN
}
