package dev.sluice.common.types;

import java.util.Objects;

/**
 * A column of a stream, table, view or result.
 *
 * @param name the column name, already case-folded (unquoted identifiers are lower case, as in
 *     PostgreSQL)
 * @param type the SQL type
 * @param nullable false for NOT NULL and primary-key columns
 */
public record Column(String name, SqlType type, boolean nullable) {
    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("column name must not be empty");
        }
    }

    public static Column of(String name, SqlType type) {
        return new Column(name, type, true);
    }

    public static Column notNull(String name, SqlType type) {
        return new Column(name, type, false);
    }
}
