package dev.sluice.shell;

import java.sql.SQLException;
import java.util.List;

/** The server's streams, tables and views and their columns, as completion and {@code \d} need them. */
interface Catalog {
    List<Relation> relations() throws SQLException;

    /** The columns of a relation, empty when there is no such relation. */
    List<Column> columns(String relation) throws SQLException;

    /**
     * A stream, table or view.
     *
     * @param schema its schema ({@code public} by default)
     * @param name its name as stored (lower case unless it was quoted)
     * @param kind {@code STREAM}, {@code TABLE}, {@code VIEW}, {@code MATERIALIZED VIEW}, ...
     */
    record Relation(String schema, String name, String kind) {}
}
