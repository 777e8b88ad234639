package dev.sluice.sql.ast;

/** A character string literal; {@code value} has quotes and escapes already decoded. */
public record StringLiteral(SourcePos pos, String value) implements Literal {
    public StringLiteral {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
