package dev.sluice.sql.ast;

/** The kind of a {@link FrameBound}. */
public enum BoundType {
    UNBOUNDED_PRECEDING,
    PRECEDING,
    CURRENT_ROW,
    FOLLOWING,
    UNBOUNDED_FOLLOWING
}
