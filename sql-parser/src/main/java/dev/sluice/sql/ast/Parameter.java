package dev.sluice.sql.ast;

/** A positional parameter {@code $n} (1-based), bound through the extended query protocol. */
public record Parameter(SourcePos pos, int index) implements Expression {
    public Parameter {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
