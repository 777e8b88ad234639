package dev.sluice.sql.ast;

/** What {@code SHOW ...} lists. */
public enum ShowKind {
    STREAMS("STREAMS"),
    TABLES("TABLES"),
    MATERIALIZED_VIEWS("MATERIALIZED VIEWS"),
    VIEWS("VIEWS"),
    QUERIES("QUERIES"),
    TOPICS("TOPICS"),
    SOURCES("SOURCES"),
    SINKS("SINKS");

    private final String sql;

    ShowKind(String sql) {
        this.sql = sql;
    }

    /** The words as written in SQL. */
    public String sql() {
        return sql;
    }
}
