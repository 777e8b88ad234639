package dev.sluice.sql.ast;

/** {@code DECLARE name [BINARY] [NO SCROLL] CURSOR [WITH|WITHOUT HOLD] FOR query|subscribe}. */
public record DeclareCursor(
        SourcePos pos, String name, boolean binary, boolean noScroll, boolean withHold, Statement query)
        implements Statement {
    public DeclareCursor {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
