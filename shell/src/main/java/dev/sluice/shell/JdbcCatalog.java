package dev.sluice.shell;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The catalog through {@code SHOW STREAMS} / {@code SHOW TABLES} / {@code SHOW MATERIALIZED VIEWS},
 * which any Sluice server answers and which tell a stream from a table (PostgreSQL's catalogs, and so
 * JDBC {@link DatabaseMetaData}, call both tables); if those fail (not a Sluice server), through
 * {@link DatabaseMetaData}, leaving out system schemas. Columns likewise: {@code DESCRIBE} first.
 */
final class JdbcCatalog implements Catalog {
    private static final Set<String> SYSTEM_SCHEMAS = Set.of("pg_catalog", "information_schema", "sluice_catalog");

    private final Connection connection;

    JdbcCatalog(Connection connection) {
        this.connection = connection;
    }

    @Override
    public List<Relation> relations() throws SQLException {
        List<Relation> out = new ArrayList<>();
        try {
            for (String kind : List.of("STREAM", "TABLE", "MATERIALIZED VIEW")) {
                out.addAll(fromShow(kind));
            }
            return out;
        } catch (SQLException e) {
            try {
                return fromMetaData();
            } catch (SQLException again) {
                again.addSuppressed(e);
                throw again;
            }
        }
    }

    private List<Relation> fromMetaData() throws SQLException {
        List<Relation> out = new ArrayList<>();
        try (ResultSet rs = connection.getMetaData().getTables(null, null, "%", null)) {
            while (rs.next()) {
                String schema = rs.getString("TABLE_SCHEM");
                String type = rs.getString("TABLE_TYPE");
                if (schema != null && (SYSTEM_SCHEMAS.contains(schema) || schema.startsWith("pg_"))) {
                    continue;
                }
                if (type != null && type.startsWith("SYSTEM")) {
                    continue;
                }
                out.add(new Relation(schema, rs.getString("TABLE_NAME"), type == null ? "" : type));
            }
        }
        return out;
    }

    private List<Relation> fromShow(String kind) throws SQLException {
        List<Relation> out = new ArrayList<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SHOW " + kind + "S")) {
            int nameColumn = 1;
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                if (rs.getMetaData().getColumnLabel(i).toLowerCase(Locale.ROOT).contains("name")) {
                    nameColumn = i;
                    break;
                }
            }
            while (rs.next()) {
                out.add(new Relation("public", rs.getString(nameColumn), kind));
            }
        }
        return out;
    }

    @Override
    public List<Column> columns(String relation) throws SQLException {
        String name = relation;
        String schema = null;
        int dot = relation.indexOf('.');
        if (dot > 0) {
            schema = relation.substring(0, dot);
            name = relation.substring(dot + 1);
        }
        // unquoted names are stored in lower case; a quoted name keeps its case
        name = name.startsWith("\"") ? name.replace("\"", "") : name.toLowerCase(Locale.ROOT);
        // DESCRIBE first: it names types as Sluice does (INT, not pgjdbc's int4).
        try {
            return fromDescribe(relation);
        } catch (SQLException e) {
            List<Column> out = new ArrayList<>();
            try (ResultSet rs = connection.getMetaData().getColumns(null, schema, name, "%")) {
                while (rs.next()) {
                    out.add(new Column(rs.getString("COLUMN_NAME"), rs.getString("TYPE_NAME")));
                }
            } catch (SQLException again) {
                again.addSuppressed(e);
                throw again;
            }
            return out;
        }
    }

    /** {@code DESCRIBE name}: rows of (column_name, data_type, ...); no such relation gives no columns. */
    private List<Column> fromDescribe(String relation) throws SQLException {
        List<Column> out = new ArrayList<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("DESCRIBE " + relation)) {
            int nameColumn = 1;
            int typeColumn = 2;
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                String label = rs.getMetaData().getColumnLabel(i).toLowerCase(Locale.ROOT);
                if (label.equals("column_name") || label.equals("column") || label.equals("field")) {
                    nameColumn = i;
                } else if (label.equals("data_type") || label.equals("type")) {
                    typeColumn = i;
                }
            }
            while (rs.next()) {
                out.add(new Column(rs.getString(nameColumn), rs.getString(typeColumn)));
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return List.of();
            }
            throw e;
        }
        return out;
    }
}
