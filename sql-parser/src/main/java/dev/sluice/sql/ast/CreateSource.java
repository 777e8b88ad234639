package dev.sluice.sql.ast;

import java.util.List;

/** {@code CREATE SOURCE [IF NOT EXISTS] name [(columns)] WITH (...)}: a connector bringing data in. */
public record CreateSource(
        SourcePos pos,
        QualifiedName name,
        boolean ifNotExists,
        List<ColumnDefinition> columns,
        List<Property> properties)
        implements Statement {
    public CreateSource {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
        columns = columns == null ? List.of() : List.copyOf(columns);
        properties = properties == null ? List.of() : List.copyOf(properties);
    }
}
