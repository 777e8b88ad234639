package dev.sluice.sql.ast;

/** A streaming duration such as {@code 10 SECONDS} in WINDOW and WITHIN clauses. */
public record Duration(SourcePos pos, long value, DurationUnit unit) implements Node {
    public Duration {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
