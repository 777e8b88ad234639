package dev.sluice.sql.ast;

/** A column of CREATE STREAM/TABLE/SOURCE: {@code name type [PRIMARY KEY] [KEY] [NOT NULL]}. */
public record ColumnDefinition(
        SourcePos pos, String name, DataType type, boolean notNull, boolean primaryKey, boolean key)
        implements TableElement {
    public ColumnDefinition {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
