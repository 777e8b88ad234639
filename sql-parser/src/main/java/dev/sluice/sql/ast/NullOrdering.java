package dev.sluice.sql.ast;

/** {@code NULLS FIRST|LAST} of a {@link SortItem}. */
public enum NullOrdering {
    FIRST,
    LAST
}
