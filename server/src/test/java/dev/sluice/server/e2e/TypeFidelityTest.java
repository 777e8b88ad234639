package dev.sluice.server.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.server.testing.SluiceProcess;
import dev.sluice.server.testing.SluiceProcess.ProcessResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.util.PGInterval;

/**
 * INTERVAL, BYTEA and TIMESTAMP values through pgjdbc (text and binary results) and psql against a
 * real server: PostgreSQL's input forms are accepted in INSERT (literals, casts, parameters,
 * multi-row VALUES with NULL) and COPY, read back as PostgreSQL prints them, bad input is 22007 /
 * 22P02 naming the value and writes nothing.
 *
 * <p>Reads go through Calcite, whose runtime keeps TIMESTAMP in milliseconds and INTERVAL as one
 * day-time count of milliseconds (SPEC "Types", {@code dev.sluice.planner.calcite}); the tests pin
 * that documented behaviour and check with {@code PRINT}, which reads the log itself, that the stored
 * values are exact and that an UPDATE of another column keeps them so.
 */
@Tag("integration")
class TypeFidelityTest {
    private static SluiceProcess server;

    @BeforeAll
    static void start() throws Exception {
        server = SluiceProcess.start();
        try (Connection c = server.connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE tf (id INT PRIMARY KEY, iv INTERVAL, b BYTEA, ts TIMESTAMP)");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Connection binary() throws SQLException {
        // prepareThreshold=-1: server-prepared from the first execution, so pgjdbc asks for binary
        // results of the types it decodes in binary (bytea, timestamp, ...).
        return DriverManager.getConnection(server.jdbcUrl() + "?prepareThreshold=-1", "sluice", "");
    }

    private static Map<Integer, String> column(Connection c, String column, String where) throws SQLException {
        Map<Integer, String> out = new LinkedHashMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, " + column + " FROM tf WHERE " + where + " ORDER BY id")) {
            while (rs.next()) {
                out.put(rs.getInt(1), rs.getString(2));
            }
        }
        return out;
    }

    private static long count(Connection c, String where) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM tf WHERE " + where)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The stored row of key {@code id} as {@code PRINT} shows it (the log, not Calcite). */
    private static String printed(Connection c, int id) throws SQLException {
        String last = null;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRINT tf FROM BEGINNING LIMIT 1000")) {
            while (rs.next()) {
                if (rs.getString("key").equals(Integer.toString(id))) {
                    last = rs.getString("value");
                }
            }
        }
        return last;
    }

    // --------------------------------------------------------------------------------- INTERVAL

    @Test
    void intervalTextInputReadsBackAsPostgresPrintsIt() throws SQLException {
        try (Connection c = server.connect();
                Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO tf (id, iv) VALUES (101, '1 day')");
            s.executeUpdate("INSERT INTO tf (id, iv) VALUES (102, '1 day 02:00:00'), (103, '2 hours 30 minutes'),"
                    + " (104, 'P1DT2H'), (105, '00:00:01.5'), (106, '1.5 days'), (107, '@ 3 days ago')");
            // Multi-row VALUES with NULL and INTERVAL literals, with and without an expression.
            s.executeUpdate("INSERT INTO tf (id, iv) VALUES (108, NULL), (109, INTERVAL '1 day 02:00:00'),"
                    + " (110, INTERVAL '90' MINUTE), (111, '4 hours'::interval)");
            s.executeUpdate("INSERT INTO tf (id, iv) VALUES (111 + 1, NULL), (113, INTERVAL '1 day 02:00:00'),"
                    + " (114, '2 hours'::interval), (115, '3 days')");
            Map<Integer, String> expected = new LinkedHashMap<>();
            expected.put(101, "1 day");
            expected.put(102, "1 day 02:00:00");
            expected.put(103, "02:30:00");
            expected.put(104, "1 day 02:00:00");
            expected.put(105, "00:00:01.5");
            expected.put(106, "1 day 12:00:00");
            expected.put(107, "-3 days");
            expected.put(108, null);
            expected.put(109, "1 day 02:00:00");
            expected.put(110, "01:30:00");
            expected.put(111, "04:00:00");
            expected.put(112, null);
            expected.put(113, "1 day 02:00:00");
            expected.put(114, "02:00:00");
            expected.put(115, "3 days");
            assertEquals(expected, column(c, "iv", "id BETWEEN 101 AND 115"));

            // pgjdbc's PGInterval parses what we print.
            try (ResultSet rs = s.executeQuery("SELECT iv FROM tf WHERE id = 102")) {
                assertTrue(rs.next());
                PGInterval iv = (PGInterval) rs.getObject(1);
                assertEquals(1, iv.getDays());
                assertEquals(2, iv.getHours());
            }
        }
    }

    @Test
    void intervalParametersAndMonths() throws SQLException {
        try (Connection c = binary()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO tf (id, iv) VALUES (?, ?)")) {
                ps.setInt(1, 121);
                ps.setObject(2, new PGInterval("1 day 02:00:00"));
                ps.executeUpdate();
                ps.setInt(1, 122);
                ps.setString(2, "-1 year 2 mons 3 days 00:00:00.000001");
                ps.executeUpdate();
            }
            assertEquals("1 day 02:00:00", column(c, "iv", "id = 121").get(121));
            // Stored exactly (PostgreSQL's fields kept apart) ...
            assertTrue(printed(c, 122).contains("\"iv\": \"-10 mons +3 days 00:00:00.000001\""), printed(c, 122));
            // ... read through Calcite's day-time interval: a month is 30 days, milliseconds (documented).
            assertEquals("-297 days", column(c, "iv", "id = 122").get(122));
            // In a query Calcite would misread a bound interval (see ExpressionConverter): 0A000.
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM tf WHERE iv = ?")) {
                ps.setObject(1, new PGInterval("1 day 02:00:00"));
                SQLException e = assertThrows(SQLException.class, ps::executeQuery);
                assertEquals("0A000", e.getSQLState());
            }
        }
    }

    @Test
    void badIntervalIs22007NamingTheValueAndWritesNothing() throws SQLException {
        try (Connection c = server.connect();
                Statement s = c.createStatement()) {
            SQLException e = assertThrows(
                    SQLException.class,
                    () -> s.executeUpdate("INSERT INTO tf (id, iv) VALUES (131, '1 day'), (132, '1 fortnight')"));
            assertEquals("22007", e.getSQLState());
            assertTrue(
                    e.getMessage().contains("invalid input syntax for type interval: \"1 fortnight\""), e.getMessage());
            SQLException literal = assertThrows(
                    SQLException.class,
                    () -> s.executeUpdate("INSERT INTO tf (id, iv) VALUES (133 + 0, INTERVAL '2 dayz')"));
            assertEquals("22007", literal.getSQLState());
            assertTrue(literal.getMessage().contains("\"2 dayz\""), literal.getMessage());
            assertEquals(0, count(c, "id BETWEEN 131 AND 133"));
        }
    }

    // ------------------------------------------------------------------------------------ BYTEA

    @Test
    void byteaHexAndEscapeInputTextAndBinaryOutput() throws SQLException {
        try (Connection c = server.connect();
                Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO tf (id, b) VALUES (201, '\\xdeadbeef')");
            s.executeUpdate("INSERT INTO tf (id, b) VALUES (202, 'abc\\000'), (203, 'a\\\\b'), (204, '\\xDE AD')");
            // Through Calcite (an expression among the values), and a cast.
            s.executeUpdate("INSERT INTO tf (id, b) VALUES (200 + 5, '\\xdeadbeef'), (206, '\\x00ff'::bytea)");
            s.executeUpdate("UPDATE tf SET b = '\\xcafe' WHERE id = 206");
            Map<Integer, String> expected = new LinkedHashMap<>();
            expected.put(201, "\\xdeadbeef");
            expected.put(202, "\\x61626300");
            expected.put(203, "\\x615c62");
            expected.put(204, "\\xdead");
            expected.put(205, "\\xdeadbeef");
            expected.put(206, "\\xcafe");
            assertEquals(expected, column(c, "b", "id BETWEEN 201 AND 206"));
        }
        byte[] deadbeef = {(byte) 0xDE, (byte) 0xAD, (byte) 0xBE, (byte) 0xEF};
        try (Connection c = binary();
                PreparedStatement ps = c.prepareStatement("SELECT b FROM tf WHERE id = ?")) {
            for (int id : new int[] {201, 205}) {
                ps.setInt(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertArrayEquals(deadbeef, rs.getBytes(1));
                }
            }
        }
        try (Connection c = binary();
                PreparedStatement ps = c.prepareStatement("INSERT INTO tf (id, b) VALUES (?, ?)")) {
            ps.setInt(1, 207);
            ps.setBytes(2, deadbeef);
            ps.executeUpdate();
            ps.setInt(1, 208);
            ps.setString(2, "\\xdeadbeef");
            ps.executeUpdate();
        }
        try (Connection c = server.connect()) {
            // (pgjdbc's getString of a binary bytea is byte[].toString(), so read these as text.)
            assertEquals("\\xdeadbeef", column(c, "b", "id = 207").get(207));
            assertEquals("\\xdeadbeef", column(c, "b", "id = 208").get(208));
        }
    }

    @Test
    void badByteaIs22P02NamingTheValueAndWritesNothing() throws SQLException {
        try (Connection c = server.connect();
                Statement s = c.createStatement()) {
            for (String bad : new String[] {"\\xzz", "\\xabc", "abc\\q"}) {
                SQLException e = assertThrows(
                        SQLException.class,
                        () -> s.executeUpdate("INSERT INTO tf (id, b) VALUES (221, '\\x01'), (222, '" + bad + "')"));
                assertEquals("22P02", e.getSQLState(), bad);
                assertTrue(
                        e.getMessage().contains("invalid input syntax for type bytea: \"" + bad + "\""),
                        e.getMessage());
            }
            assertEquals(0, count(c, "id BETWEEN 221 AND 222"));
        }
    }

    // -------------------------------------------------------------------------------- TIMESTAMP

    @Test
    void timestampMicrosAreStoredAndKeptByUpdatesButReadAsMillis() throws SQLException {
        try (Connection c = server.connect();
                Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO tf (id, ts, iv) VALUES (301, '2024-01-01 10:00:00.123456', '1 mon 2 days')");
            s.executeUpdate("INSERT INTO tf (id, ts) VALUES (302, TIMESTAMP '2024-01-01 10:00:00.654321')");
            assertTrue(printed(c, 301).contains("\"ts\": \"2024-01-01 10:00:00.123456\""), printed(c, 301));
            assertTrue(printed(c, 302).contains("\"ts\": \"2024-01-01 10:00:00.654321\""), printed(c, 302));
            // Another column changes; the stored timestamp and interval stay exact.
            s.executeUpdate("UPDATE tf SET b = '\\x01' WHERE id = 301");
            String after = printed(c, 301);
            assertTrue(after.contains("\"ts\": \"2024-01-01 10:00:00.123456\""), after);
            assertTrue(after.contains("\"iv\": \"1 mon 2 days\""), after);
            assertTrue(after.contains("\"b\": \"\\\\x01\""), after);
            // Calcite's runtime keeps TIMESTAMP in milliseconds (documented in SPEC "Types").
            assertEquals("2024-01-01 10:00:00.123", column(c, "ts", "id = 301").get(301));
            SQLException e = assertThrows(
                    SQLException.class, () -> s.executeUpdate("INSERT INTO tf (id, ts) VALUES (303, '2024-13-01')"));
            assertEquals("22007", e.getSQLState());
            assertTrue(e.getMessage().contains("2024-13-01"), e.getMessage());
            assertEquals(0, count(c, "id = 303"));
        }
    }

    // ------------------------------------------------------------------------------ psql, COPY

    @Test
    void psqlCopyInAndOut(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("in.csv");
        Files.writeString(
                csv,
                "401,1 day 02:00:00,\\xdeadbeef\n402,2 hours 30 minutes,\n403,,abc\\000\n",
                StandardCharsets.UTF_8);
        ProcessResult in = server.psql("-c", "\\copy tf (id, iv, b) FROM '" + csv + "' WITH (FORMAT csv)");
        assertEquals(0, in.exitCode(), in.stderr());
        ProcessResult out =
                server.psql("-A", "-t", "-c", "SELECT id, iv, b FROM tf WHERE id BETWEEN 401 AND 403 ORDER BY id");
        assertEquals(0, out.exitCode(), out.stderr());
        assertEquals(
                "401|1 day 02:00:00|\\xdeadbeef\n402|02:30:00|\n403||\\x61626300",
                out.stdout().strip());
        ProcessResult copyOut =
                server.psql("-c", "COPY (SELECT id, iv, b FROM tf WHERE id BETWEEN 401 AND 403 ORDER BY id) TO STDOUT");
        assertEquals(0, copyOut.exitCode(), copyOut.stderr());
        // COPY text doubles the backslash of bytea's \x.
        assertEquals(
                "401\t1 day 02:00:00\t\\\\xdeadbeef\n402\t02:30:00\t\\N\n403\t\\N\t\\\\x61626300",
                copyOut.stdout().strip());
        ProcessResult bad = server.psql("-c", "INSERT INTO tf (id, iv) VALUES (404, 'soon')");
        assertFalse(bad.exitCode() == 0);
        assertTrue(bad.stderr().contains("invalid input syntax for type interval: \"soon\""), bad.stderr());
        assertTrue(bad.stderr().contains("LINE 1:"), bad.stderr());
    }
}
