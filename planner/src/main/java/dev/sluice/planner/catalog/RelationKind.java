package dev.sluice.planner.catalog;

/** What a catalog relation is; decides its changelog semantics and how PostgreSQL tools see it. */
public enum RelationKind {
    /** Append-only events. */
    STREAM("STREAM", 'r'),
    /** Rows by primary key; inserts upsert. */
    TABLE("TABLE", 'r'),
    /** A continuous query's maintained result, keyed by its group or primary key. */
    MATERIALIZED_VIEW("MATERIALIZED VIEW", 'm'),
    /**
     * Rows made by a built-in connector when a query reads them (the {@code nexmark} generator), not
     * stored in the log; PostgreSQL tools see a view (of a generator).
     */
    SOURCE("SOURCE", 'v'),
    /**
     * A persistent query whose output leaves Sluice through a connector ({@code blackhole}), or goes
     * into an existing stream ({@code INSERT INTO ... EMIT CHANGES}). Not a relation anyone can read.
     */
    SINK("SINK", 's');

    private final String sqlName;
    private final char pgRelkind;

    RelationKind(String sqlName, char pgRelkind) {
        this.sqlName = sqlName;
        this.pgRelkind = pgRelkind;
    }

    /** The words in DDL and messages: {@code STREAM}, {@code TABLE}, {@code MATERIALIZED VIEW}. */
    public String sqlName() {
        return sqlName;
    }

    /** {@code pg_class.relkind}: streams and tables are ordinary relations, views are matviews. */
    public char pgRelkind() {
        return pgRelkind;
    }

    /** True when rows have a key and later rows replace earlier ones (tables and views). */
    public boolean isKeyed() {
        return this == TABLE || this == MATERIALIZED_VIEW;
    }

    /** True when its rows live in a log topic of its own (streams, tables and views). */
    public boolean hasTopic() {
        return this != SOURCE && this != SINK;
    }

    /** True when queries can read it: everything but a sink. */
    public boolean isReadable() {
        return this != SINK;
    }
}
