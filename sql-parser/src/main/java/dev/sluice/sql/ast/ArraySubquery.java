package dev.sluice.sql.ast;

/** {@code ARRAY(SELECT ...)}: an array of the subquery's single column. */
public record ArraySubquery(SourcePos pos, Query query) implements Expression {
    public ArraySubquery {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
