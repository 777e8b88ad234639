package dev.sluice.sql.ast;

import java.util.List;

/** {@code CREATE [OR REPLACE] STREAM [IF NOT EXISTS] name (columns) [WITH (...)]}. */
public record CreateStream(
        SourcePos pos,
        QualifiedName name,
        boolean orReplace,
        boolean ifNotExists,
        List<ColumnDefinition> columns,
        List<Property> properties)
        implements Statement {
    public CreateStream {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
        columns = columns == null ? List.of() : List.copyOf(columns);
        properties = properties == null ? List.of() : List.copyOf(properties);
    }
}
