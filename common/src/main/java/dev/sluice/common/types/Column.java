package dev.sluice.common.types;

import java.util.Objects;

/**
 * A column of a stream, table, view or result.
 *
 * @param name the column name, already case-folded (unquoted identifiers are lower case, as in
 *     PostgreSQL)
 * @param type the SQL type
 * @param nullable false for NOT NULL and primary-key columns
 * @param tableOid for a result column that is a plain reference to a column of a stream, table or
 *     view: that relation's {@code pg_class} OID, as RowDescription reports it (so that clients can
 *     look the column up, e.g. pgjdbc's {@code ResultSetMetaData.getTableName}); 0 otherwise
 * @param attnum with {@code tableOid}, the column's 1-based {@code pg_attribute.attnum}; 0 otherwise
 */
public record Column(String name, SqlType type, boolean nullable, int tableOid, int attnum) {
    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("column name must not be empty");
        }
        if ((tableOid == 0) != (attnum == 0) || attnum < 0 || attnum > Short.MAX_VALUE) {
            throw new IllegalArgumentException("a column origin needs both a table OID and an attnum in 1.."
                    + Short.MAX_VALUE + ": " + tableOid + "/" + attnum);
        }
    }

    /** A column that is not known to come from a table column. */
    public Column(String name, SqlType type, boolean nullable) {
        this(name, type, nullable, 0, 0);
    }

    /** This column as a plain reference to column {@code attnum} of relation {@code tableOid}. */
    public Column withOrigin(int tableOid, int attnum) {
        return new Column(name, type, nullable, tableOid, attnum);
    }

    public static Column of(String name, SqlType type) {
        return new Column(name, type, true);
    }

    public static Column notNull(String name, SqlType type) {
        return new Column(name, type, false);
    }
}
