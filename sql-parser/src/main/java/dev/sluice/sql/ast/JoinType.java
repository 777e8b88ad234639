package dev.sluice.sql.ast;

/** The kind of a {@link Join}. */
public enum JoinType {
    INNER,
    LEFT,
    RIGHT,
    FULL,
    CROSS
}
