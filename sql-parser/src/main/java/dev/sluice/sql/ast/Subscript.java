package dev.sluice.sql.ast;

/** {@code base[index]}: array element (1-based) or map value. */
public record Subscript(SourcePos pos, Expression base, Expression index) implements Expression {
    public Subscript {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
