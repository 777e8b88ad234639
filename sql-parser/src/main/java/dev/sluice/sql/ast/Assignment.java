package dev.sluice.sql.ast;

/** {@code column = value} of an UPDATE. */
public record Assignment(SourcePos pos, String column, Expression value) implements Node {
    public Assignment {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
