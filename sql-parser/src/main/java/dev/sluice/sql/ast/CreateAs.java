package dev.sluice.sql.ast;

import java.util.List;

/** {@code CREATE STREAM|TABLE|MATERIALIZED VIEW name [WITH (...)] AS query}: a persistent query (CSAS, CTAS, view). */
public record CreateAs(
        SourcePos pos,
        ObjectKind kind,
        QualifiedName name,
        boolean orReplace,
        boolean ifNotExists,
        List<Property> properties,
        Query query)
        implements Statement {
    public CreateAs {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
        properties = properties == null ? List.of() : List.copyOf(properties);
    }
}
