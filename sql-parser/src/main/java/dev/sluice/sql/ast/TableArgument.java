package dev.sluice.sql.ast;

/** {@code TABLE t} as an argument of a table function such as {@code TUMBLE(TABLE t, DESCRIPTOR(ts), ...)}. */
public record TableArgument(SourcePos pos, QualifiedName table) implements Expression {
    public TableArgument {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
