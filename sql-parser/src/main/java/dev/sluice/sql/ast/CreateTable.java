package dev.sluice.sql.ast;

import java.util.List;

/** {@code CREATE [OR REPLACE] TABLE [IF NOT EXISTS] name (columns [, PRIMARY KEY (...)]) [WITH (...)]}; {@code primaryKey} is the table-level constraint (empty when absent). */
public record CreateTable(
        SourcePos pos,
        QualifiedName name,
        boolean orReplace,
        boolean ifNotExists,
        List<ColumnDefinition> columns,
        List<String> primaryKey,
        List<Property> properties)
        implements Statement {
    public CreateTable {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
        columns = columns == null ? List.of() : List.copyOf(columns);
        primaryKey = primaryKey == null ? List.of() : List.copyOf(primaryKey);
        properties = properties == null ? List.of() : List.copyOf(properties);
    }
}
