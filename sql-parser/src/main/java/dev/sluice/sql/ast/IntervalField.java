package dev.sluice.sql.ast;

/** A field of an {@link IntervalLiteral} qualifier ({@code INTERVAL '1' HOUR}); plural spellings parse to these. */
public enum IntervalField {
    YEAR,
    MONTH,
    WEEK,
    DAY,
    HOUR,
    MINUTE,
    SECOND,
    MILLISECOND
}
