package dev.sluice.sql.ast;

/** {@code INTERVAL '1' HOUR}, {@code INTERVAL '1 hour'}, {@code INTERVAL '1-2' YEAR TO MONTH}; {@code from}/{@code to} are null when absent. */
public record IntervalLiteral(SourcePos pos, String value, IntervalField from, IntervalField to) implements Literal {
    public IntervalLiteral {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
