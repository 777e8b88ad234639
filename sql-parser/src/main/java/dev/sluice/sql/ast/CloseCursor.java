package dev.sluice.sql.ast;

/** {@code CLOSE name}; {@code name} is null for CLOSE ALL. */
public record CloseCursor(SourcePos pos, String name) implements Statement {
    public CloseCursor {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
