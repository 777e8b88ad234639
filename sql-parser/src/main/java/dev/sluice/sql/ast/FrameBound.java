package dev.sluice.sql.ast;

/** A frame bound; {@code offset} is set only for {@code n PRECEDING} and {@code n FOLLOWING}. */
public record FrameBound(SourcePos pos, BoundType type, Expression offset) implements Node {
    public FrameBound {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
