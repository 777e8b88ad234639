package dev.sluice.sql.ast;

/** A function in FROM: {@code generate_series(1, 3)}, {@code unnest(a)}, {@code TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' MINUTE)}. */
public record TableFunction(SourcePos pos, FunctionCall call, boolean lateral) implements Relation {
    public TableFunction {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
