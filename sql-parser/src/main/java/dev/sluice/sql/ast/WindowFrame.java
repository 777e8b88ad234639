package dev.sluice.sql.ast;

/** {@code ROWS|RANGE|GROUPS [BETWEEN] start [AND end]}; {@code end} is null for the one-bound form. */
public record WindowFrame(SourcePos pos, FrameType type, FrameBound start, FrameBound end) implements Node {
    public WindowFrame {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
