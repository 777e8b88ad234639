package dev.sluice.sql.ast;

/** {@code EXTRACT(field FROM e)}; {@code field} is lower case. */
public record Extract(SourcePos pos, String field, Expression expression) implements Expression {
    public Extract {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
