package dev.sluice.sql.ast;

/**
 * How a push query emits: every change of a result ({@code EMIT CHANGES}) or one final row per window
 * when it closes ({@code EMIT FINAL}, also spelled {@code EMIT ON WINDOW CLOSE}, which parses to FINAL).
 */
public enum EmitMode {
    CHANGES,
    FINAL
}
