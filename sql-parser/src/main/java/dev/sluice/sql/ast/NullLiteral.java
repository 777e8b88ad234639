package dev.sluice.sql.ast;

/** {@code NULL}. */
public record NullLiteral(SourcePos pos) implements Literal {
    public NullLiteral {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
