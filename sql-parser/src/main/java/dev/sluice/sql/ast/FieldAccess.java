package dev.sluice.sql.ast;

/** {@code (e).field}: a struct field of an expression that is not a plain column name. */
public record FieldAccess(SourcePos pos, Expression base, String field) implements Expression {
    public FieldAccess {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
