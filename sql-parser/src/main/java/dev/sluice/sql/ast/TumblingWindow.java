package dev.sluice.sql.ast;

/** {@code WINDOW TUMBLING (SIZE d [, GRACE PERIOD d] [, RETENTION d])}; optional parts are null. */
public record TumblingWindow(SourcePos pos, Duration size, Duration grace, Duration retention) implements StreamWindow {
    public TumblingWindow {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
