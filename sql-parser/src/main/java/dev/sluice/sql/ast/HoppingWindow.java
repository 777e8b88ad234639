package dev.sluice.sql.ast;

/** {@code WINDOW HOPPING (SIZE d, ADVANCE BY d [, GRACE PERIOD d] [, RETENTION d])}. */
public record HoppingWindow(SourcePos pos, Duration size, Duration advance, Duration grace, Duration retention)
        implements StreamWindow {
    public HoppingWindow {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
