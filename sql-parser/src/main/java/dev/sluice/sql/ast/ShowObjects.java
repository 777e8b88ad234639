package dev.sluice.sql.ast;

/** {@code SHOW STREAMS|TABLES|MATERIALIZED VIEWS|QUERIES|TOPICS|SOURCES|SINKS [EXTENDED]}. */
public record ShowObjects(SourcePos pos, ShowKind kind, boolean extended) implements Statement {
    public ShowObjects {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
