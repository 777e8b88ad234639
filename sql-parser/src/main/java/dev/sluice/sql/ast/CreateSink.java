package dev.sluice.sql.ast;

import java.util.List;

/** {@code CREATE SINK name FROM relation [WITH (...)]} or {@code CREATE SINK name [WITH (...)] AS query}; exactly one of {@code from} and {@code query} is set. */
public record CreateSink(
        SourcePos pos,
        QualifiedName name,
        boolean ifNotExists,
        QualifiedName from,
        Query query,
        List<Property> properties)
        implements Statement {
    public CreateSink {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
        properties = properties == null ? List.of() : List.copyOf(properties);
    }
}
