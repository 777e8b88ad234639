package dev.sluice.sql.ast;

/** {@code WITHIN d} ({@code after} null: symmetric) or {@code WITHIN (before, after)}. */
public record WithinBound(SourcePos pos, Duration before, Duration after) implements Node {
    public WithinBound {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
