package dev.sluice.sql.ast;

/** {@code CAST(e AS t)} and PostgreSQL's {@code e::t}, which mean the same and format as CAST. */
public record Cast(SourcePos pos, Expression expression, DataType type) implements Expression {
    public Cast {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
