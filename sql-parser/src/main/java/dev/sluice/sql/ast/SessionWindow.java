package dev.sluice.sql.ast;

/** {@code WINDOW SESSION (gap [, GRACE PERIOD d] [, RETENTION d])}. */
public record SessionWindow(SourcePos pos, Duration gap, Duration grace, Duration retention) implements StreamWindow {
    public SessionWindow {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
