package dev.sluice.sql.ast;

/** {@code DISCARD ALL|PLANS|SEQUENCES|TEMP}; {@code target} is the upper-case word. */
public record Discard(SourcePos pos, String target) implements Statement {
    public Discard {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
