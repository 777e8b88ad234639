package dev.sluice.sql.ast;

/** {@code DATE '...'}, {@code TIME '...'}, {@code TIMESTAMP '...'}, {@code TIMESTAMPTZ '...'}. */
public record TypedLiteral(SourcePos pos, DataType type, String value) implements Literal {
    public TypedLiteral {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
