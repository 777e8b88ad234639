package dev.sluice.sql.ast;

import java.util.List;

/** {@code SUBSCRIBE [TO] name [WITH (...)]} or {@code SUBSCRIBE (query) [WITH (...)]}; exactly one of {@code name} and {@code query} is set. */
public record Subscribe(SourcePos pos, QualifiedName name, Query query, List<Property> properties)
        implements Statement {
    public Subscribe {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
        properties = properties == null ? List.of() : List.copyOf(properties);
    }
}
