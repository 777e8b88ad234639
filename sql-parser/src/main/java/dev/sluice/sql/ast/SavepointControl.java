package dev.sluice.sql.ast;

/** {@code SAVEPOINT x}, {@code RELEASE [SAVEPOINT] x}, {@code ROLLBACK TO [SAVEPOINT] x}. */
public record SavepointControl(SourcePos pos, SavepointKind kind, String name) implements Statement {
    public SavepointControl {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
