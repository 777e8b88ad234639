package dev.sluice.sql.ast;

/** {@code EXPLAIN [ANALYZE] statement}. */
public record Explain(SourcePos pos, boolean analyze, Statement statement) implements Statement {
    public Explain {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
