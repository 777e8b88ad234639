package dev.sluice.sql.ast;

/** The unit of a {@link WindowFrame}. */
public enum FrameType {
    ROWS,
    RANGE,
    GROUPS
}
