package dev.sluice.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.server.testing.SluiceProcess;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** pgjdbc's DatabaseMetaData and ResultSetMetaData against a real server (issue 8). */
@Tag("integration")
class JdbcMetadataTest {
    private static SluiceProcess server;

    @BeforeAll
    static void start() throws SQLException {
        server = SluiceProcess.start();
        try (Connection c = server.connect();
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE accounts (id BIGINT PRIMARY KEY, owner VARCHAR(40) NOT NULL, balance DECIMAL(12,2))");
            s.execute("CREATE TABLE pairs (a INT, b TEXT, v DOUBLE, PRIMARY KEY (a, b))");
            s.execute("CREATE STREAM events (user_id INT, page VARCHAR, ts TIMESTAMP) WITH (timestamp = 'ts')");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<String> rows(ResultSet rs, String... columns) throws SQLException {
        List<String> out = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (String c : columns) {
                    values.add(rs.getString(c));
                }
                out.add(String.join("|", values));
            }
        }
        return out;
    }

    @Test
    void getTablesListsStreamsAndTables() throws SQLException {
        try (Connection c = server.connect()) {
            DatabaseMetaData md = c.getMetaData();
            assertEquals(
                    List.of("public|accounts|TABLE", "public|events|TABLE", "public|pairs|TABLE"),
                    rows(
                            md.getTables(null, "public", "%", new String[] {"TABLE", "VIEW"}),
                            "TABLE_SCHEM",
                            "TABLE_NAME",
                            "TABLE_TYPE"));
            assertEquals(
                    List.of("public|accounts|TABLE"),
                    rows(
                            md.getTables(null, null, "acc%", new String[] {"TABLE"}),
                            "TABLE_SCHEM",
                            "TABLE_NAME",
                            "TABLE_TYPE"));
        }
    }

    @Test
    void getColumnsGivesTypesAndNullability() throws SQLException {
        try (Connection c = server.connect()) {
            DatabaseMetaData md = c.getMetaData();
            assertEquals(
                    List.of("id|-5|int8|19|0|1", "owner|12|varchar|40|0|2", "balance|2|numeric|12|1|3"),
                    rows(
                            md.getColumns(null, "public", "accounts", "%"),
                            "COLUMN_NAME",
                            "DATA_TYPE",
                            "TYPE_NAME",
                            "COLUMN_SIZE",
                            "NULLABLE",
                            "ORDINAL_POSITION"));
            assertEquals(
                    List.of("user_id|4|int4", "page|12|varchar", "ts|93|timestamp"),
                    rows(md.getColumns(null, null, "events", null), "COLUMN_NAME", "DATA_TYPE", "TYPE_NAME"));
        }
    }

    @Test
    void getPrimaryKeys() throws SQLException {
        try (Connection c = server.connect()) {
            DatabaseMetaData md = c.getMetaData();
            assertEquals(
                    List.of("accounts|id|1|accounts_pkey"),
                    rows(
                            md.getPrimaryKeys(null, "public", "accounts"),
                            "TABLE_NAME",
                            "COLUMN_NAME",
                            "KEY_SEQ",
                            "PK_NAME"));
            assertEquals(
                    List.of("pairs|a|1|pairs_pkey", "pairs|b|2|pairs_pkey"),
                    rows(md.getPrimaryKeys(null, null, "pairs"), "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ", "PK_NAME"));
            assertEquals(List.of(), rows(md.getPrimaryKeys(null, null, "events"), "COLUMN_NAME"));
        }
    }

    @Test
    void getSchemasAndCatalogs() throws SQLException {
        try (Connection c = server.connect()) {
            DatabaseMetaData md = c.getMetaData();
            List<String> schemas = rows(md.getSchemas(), "TABLE_SCHEM");
            assertTrue(
                    schemas.containsAll(List.of("information_schema", "pg_catalog", "public", "sluice_catalog")),
                    schemas.toString());
            assertEquals(List.of("sluice"), rows(md.getCatalogs(), "TABLE_CAT"));
            assertEquals("public", c.getSchema());
            // pgjdbc asks pg_get_keywords() for the words that are not SQL:2003 key words.
            String keywords = md.getSQLKeywords();
            assertTrue(keywords.contains("analyse"), keywords);
        }
    }

    @Test
    void getTypeInfoListsEverySpecType() throws SQLException {
        try (Connection c = server.connect()) {
            List<String> types = rows(c.getMetaData().getTypeInfo(), "TYPE_NAME");
            for (String t : List.of(
                    "bool",
                    "int2",
                    "int4",
                    "int8",
                    "float4",
                    "float8",
                    "numeric",
                    "varchar",
                    "text",
                    "bytea",
                    "date",
                    "time",
                    "timestamp",
                    "timestamptz",
                    "interval",
                    "jsonb",
                    "_int4",
                    "_text")) {
                assertTrue(types.contains(t), t + " missing from " + types);
            }
        }
    }

    @Test
    void resultSetMetaDataForEverySpecType() throws SQLException {
        try (Connection c = server.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT true AS b, CAST(1 AS SMALLINT) AS s, 1 AS i, CAST(1 AS BIGINT) AS l,"
                                + " CAST(1.5 AS REAL) AS r, CAST(1.5 AS DOUBLE) AS d, CAST(1.5 AS DECIMAL(5,2)) AS n,"
                                + " CAST('x' AS VARCHAR(10)) AS v, CAST('x' AS TEXT) AS t, DATE '2026-01-01' AS dt,"
                                + " TIME '10:00:00' AS tm, TIMESTAMP '2026-01-01 10:00:00' AS ts,"
                                + " TIMESTAMPTZ '2026-01-01 10:00:00+00' AS tz, INTERVAL '1' DAY AS iv, ARRAY[1, 2] AS a")) {
            ResultSetMetaData md = rs.getMetaData();
            List<String> got = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                got.add(md.getColumnName(i) + ":" + md.getColumnTypeName(i) + ":" + md.getColumnType(i));
            }
            assertEquals(
                    List.of(
                            "b:bool:" + Types.BIT,
                            "s:int2:" + Types.SMALLINT,
                            "i:int4:" + Types.INTEGER,
                            "l:int8:" + Types.BIGINT,
                            "r:float4:" + Types.REAL,
                            "d:float8:" + Types.DOUBLE,
                            "n:numeric:" + Types.NUMERIC,
                            "v:varchar:" + Types.VARCHAR,
                            "t:text:" + Types.VARCHAR,
                            "dt:date:" + Types.DATE,
                            "tm:time:" + Types.TIME,
                            "ts:timestamp:" + Types.TIMESTAMP,
                            "tz:timestamptz:" + Types.TIMESTAMP,
                            "iv:interval:" + Types.OTHER,
                            "a:_int4:" + Types.ARRAY),
                    got);
            assertEquals(5, md.getPrecision(7));
            assertEquals(2, md.getScale(7));
        }
    }

    @Test
    void resultSetMetaDataNamesTheTableColumnOfPlainColumnReferences() throws SQLException {
        // RowDescription carries the relation's pg_class oid and the column's attnum for plain column
        // references (through aliases and sub-queries); pgjdbc looks them up in pg_catalog.
        try (Connection c = server.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT o.owner AS who, id, balance * 2 AS doubled, balance, x.page,"
                        + " upper(x.page) AS up, x.rowtime FROM accounts o,"
                        + " (SELECT page, rowtime FROM events) x")) {
            ResultSetMetaData rsmd = rs.getMetaData();
            org.postgresql.PGResultSetMetaData md = rsmd.unwrap(org.postgresql.PGResultSetMetaData.class);
            List<String> got = new ArrayList<>();
            for (int i = 1; i <= rsmd.getColumnCount(); i++) {
                got.add(rsmd.getColumnLabel(i) + ":" + rsmd.getTableName(i) + "." + md.getBaseColumnName(i) + ":"
                        + rsmd.isNullable(i) + ":" + rsmd.isAutoIncrement(i));
            }
            assertEquals(
                    List.of(
                            "who:accounts.owner:" + ResultSetMetaData.columnNoNulls + ":false",
                            "id:accounts.id:" + ResultSetMetaData.columnNoNulls + ":false",
                            "doubled:.:" + ResultSetMetaData.columnNullableUnknown + ":false",
                            "balance:accounts.balance:" + ResultSetMetaData.columnNullable + ":false",
                            "page:events.page:" + ResultSetMetaData.columnNullable + ":false",
                            "up:.:" + ResultSetMetaData.columnNullableUnknown + ":false",
                            "rowtime:.:" + ResultSetMetaData.columnNullableUnknown + ":false"),
                    got);
            assertEquals("public", md.getBaseSchemaName(1));
        }
        // A prepared statement (Describe of the statement) carries them too.
        try (Connection c = server.connect();
                PreparedStatement ps = c.prepareStatement("SELECT b, v + 1 AS w FROM pairs WHERE a = ?")) {
            ps.setInt(1, 1);
            ResultSetMetaData md = ps.getMetaData();
            assertEquals("pairs", md.getTableName(1));
            assertEquals(ResultSetMetaData.columnNoNulls, md.isNullable(1));
            assertEquals("", md.getTableName(2));
        }
    }

    @Test
    void otherMetadataCallsGuiToolsMake() throws SQLException {
        try (Connection c = server.connect()) {
            DatabaseMetaData md = c.getMetaData();
            assertEquals(
                    List.of("accounts_pkey|id|f|1"),
                    rows(
                            md.getIndexInfo(null, "public", "accounts", false, false),
                            "INDEX_NAME",
                            "COLUMN_NAME",
                            "NON_UNIQUE",
                            "ORDINAL_POSITION"));
            assertFalse(rows(md.getFunctions(null, "pg_catalog", "format_type"), "FUNCTION_NAME")
                    .isEmpty());
            assertEquals(List.of(), rows(md.getImportedKeys(null, "public", "accounts"), "FKCOLUMN_NAME"));
            assertEquals(List.of(), rows(md.getExportedKeys(null, "public", "accounts"), "FKCOLUMN_NAME"));
            assertEquals(
                    List.of("id"), rows(md.getBestRowIdentifier(null, "public", "accounts", 0, true), "COLUMN_NAME"));
            assertEquals(List.of(), rows(md.getUDTs(null, "public", "%", null), "TYPE_NAME"));
            assertFalse(rows(md.getTablePrivileges(null, "public", "accounts"), "PRIVILEGE")
                    .isEmpty());
        }
    }

    @Test
    void droppedTableLeavesTheCatalogAtOnce() throws SQLException {
        try (Connection c = server.connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE short_lived (k INT PRIMARY KEY)");
            DatabaseMetaData md = c.getMetaData();
            assertEquals(List.of("short_lived"), rows(md.getTables(null, null, "short_lived", null), "TABLE_NAME"));
            s.execute("DROP TABLE short_lived");
            assertEquals(List.of(), rows(md.getTables(null, null, "short_lived", null), "TABLE_NAME"));
            assertEquals(List.of(), rows(md.getColumns(null, null, "short_lived", null), "COLUMN_NAME"));
        }
    }

    @Test
    void sessionFunctionsAndSettings() throws SQLException {
        try (Connection c = server.connect();
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT current_database(), current_user, session_user,"
                    + " current_schema(), current_setting('search_path'), version()")) {
                assertTrue(rs.next());
                assertEquals("sluice", rs.getString(1));
                assertEquals("sluice", rs.getString(2));
                assertEquals("sluice", rs.getString(3));
                assertEquals("public", rs.getString(4));
                assertEquals("\"$user\", public", rs.getString(5));
                assertTrue(rs.getString(6).startsWith("PostgreSQL 15.0 (Sluice "), rs.getString(6));
            }
            s.execute("SET application_name = 'metadata-test'");
            try (ResultSet rs = s.executeQuery(
                    "SELECT application_name, state, query FROM pg_stat_activity WHERE pid = pg_backend_pid()")) {
                assertTrue(rs.next());
                assertEquals("metadata-test", rs.getString(1));
                assertEquals("active", rs.getString(2));
                assertTrue(rs.getString(3).contains("pg_stat_activity"), rs.getString(3));
            }
            try (ResultSet rs = s.executeQuery("SELECT set_config('statement_timeout', '5s', false)")) {
                assertTrue(rs.next());
            }
            try (ResultSet rs = s.executeQuery("SHOW statement_timeout")) {
                assertTrue(rs.next());
                assertEquals("5s", rs.getString(1));
            }
            assertEquals("metadata-test", c.getClientInfo("ApplicationName"));
            try (ResultSet rs = s.executeQuery("SELECT now(), now() = transaction_timestamp(),"
                    + " clock_timestamp() >= now(), now() > TIMESTAMPTZ '2026-01-01 00:00:00+00'")) {
                assertTrue(rs.next());
                long skew = Math.abs(rs.getTimestamp(1).getTime() - System.currentTimeMillis());
                assertTrue(skew < 60_000, "now() is " + rs.getTimestamp(1));
                assertTrue(rs.getBoolean(2));
                assertTrue(rs.getBoolean(3));
                assertTrue(rs.getBoolean(4));
            }
        }
    }

    @Test
    void pgCancelBackendCancelsAnotherSessionsPushQuery() throws Exception {
        String sql = "SELECT user_id FROM events EMIT CHANGES";
        var failure = new java.util.concurrent.CompletableFuture<SQLException>();
        Thread runner = new Thread(() -> {
            try (Connection c = server.connect()) {
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.setFetchSize(1);
                    try (ResultSet rs = s.executeQuery(sql)) {
                        while (rs.next()) {
                            // rows until cancelled
                        }
                    }
                }
                failure.complete(null);
            } catch (SQLException e) {
                failure.complete(e);
            }
        });
        runner.start();
        try (Connection c = server.connect();
                java.sql.PreparedStatement find =
                        c.prepareStatement("SELECT pid FROM pg_stat_activity WHERE query = ?");
                java.sql.PreparedStatement cancel = c.prepareStatement("SELECT pg_cancel_backend(?)")) {
            find.setString(1, sql);
            int pid = 0;
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            while (pid == 0 && System.nanoTime() < deadline) {
                try (ResultSet rs = find.executeQuery()) {
                    pid = rs.next() ? rs.getInt(1) : 0;
                }
                Thread.sleep(50);
            }
            assertTrue(pid != 0, "the push query never showed in pg_stat_activity");
            Thread.sleep(300);
            cancel.setInt(1, pid);
            try (ResultSet rs = cancel.executeQuery()) {
                assertTrue(rs.next());
                assertTrue(rs.getBoolean(1));
            }
            cancel.setInt(1, 999_999);
            try (ResultSet rs = cancel.executeQuery()) {
                assertTrue(rs.next());
                assertFalse(rs.getBoolean(1));
            }
        }
        SQLException e = failure.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(e != null, "the push query ended without an error");
        assertEquals("57014", e.getSQLState());
        runner.join(10_000);
    }

    @Test
    void unknownFunctionIs42883() throws SQLException {
        try (Connection c = server.connect();
                Statement s = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("SELECT pg_no_such_function(1)"));
            assertEquals("42883", e.getSQLState());
            assertTrue(e.getMessage().contains("function pg_no_such_function(numeric) does not exist"), e.getMessage());
            SQLException r = assertThrows(SQLException.class, () -> s.executeQuery("SELECT 'nope'::regclass"));
            assertEquals("42P01", r.getSQLState());
            assertFalse(c.isClosed());
        }
    }
}
