package dev.sluice.sql.ast;

/** {@code expression [ASC|DESC] [NULLS FIRST|LAST]}; {@code nulls} is null when not given. */
public record SortItem(SourcePos pos, Expression expression, boolean descending, NullOrdering nulls) implements Node {
    public SortItem {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
