package dev.sluice.sql.ast;

/** The kinds of catalog object that CREATE/DROP/SHOW CREATE name. */
public enum ObjectKind {
    STREAM("STREAM"),
    TABLE("TABLE"),
    MATERIALIZED_VIEW("MATERIALIZED VIEW"),
    VIEW("VIEW"),
    SOURCE("SOURCE"),
    SINK("SINK");

    private final String sql;

    ObjectKind(String sql) {
        this.sql = sql;
    }

    /** The words as written in SQL. */
    public String sql() {
        return sql;
    }
}
