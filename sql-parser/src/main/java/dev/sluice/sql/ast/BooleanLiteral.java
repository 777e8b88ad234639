package dev.sluice.sql.ast;

/** {@code TRUE} or {@code FALSE}. */
public record BooleanLiteral(SourcePos pos, boolean value) implements Literal {
    public BooleanLiteral {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
