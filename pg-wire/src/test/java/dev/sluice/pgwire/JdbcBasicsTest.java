package dev.sluice.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** pgjdbc against PgServer + FakeEngine: statements, prepared statements, batches, errors. */
class JdbcBasicsTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void statementInsertAndSelect() throws SQLException {
        try (Connection c = server.connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE basics (id INT, name TEXT)");
            assertEquals(2, s.executeUpdate("INSERT INTO basics VALUES (1, 'one'), (2, 'two')"));
            try (ResultSet rs = s.executeQuery("SELECT * FROM basics")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1));
                assertEquals("one", rs.getString("name"));
                assertTrue(rs.next());
                assertFalse(rs.next());
            }
        }
    }

    @Test
    void preparedStatementTwelveTimesSwitchesToBinary() throws SQLException {
        try (Connection c = server.connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE prep (id INT, name TEXT)");
            try (PreparedStatement ins = c.prepareStatement(
                    "INSERT INTO prep VALUES ($1, $2)".replace("$1", "?").replace("$2", "?"))) {
                for (int i = 0; i < 12; i++) {
                    ins.setInt(1, i);
                    ins.setString(2, "n" + i);
                    assertEquals(1, ins.executeUpdate());
                }
            }
            try (PreparedStatement sel = c.prepareStatement("SELECT count(*) FROM prep")) {
                for (int i = 0; i < 12; i++) {
                    try (ResultSet rs = sel.executeQuery()) {
                        assertTrue(rs.next());
                        assertEquals(12, rs.getLong(1));
                    }
                }
            }
        }
    }

    @Test
    void batchInsert() throws SQLException {
        try (Connection c = server.connect()) {
            c.createStatement().execute("CREATE TABLE batch (id INT, name TEXT)");
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO batch VALUES (?, ?)")) {
                for (int i = 0; i < 500; i++) {
                    ins.setInt(1, i);
                    ins.setString(2, "row" + i);
                    ins.addBatch();
                }
                int[] counts = ins.executeBatch();
                assertEquals(500, counts.length);
            }
            assertEquals(500, server.engine.table("batch").size());
        }
    }

    @Test
    void twoPortalsOpenAtOnce() throws SQLException {
        try (Connection c = server.connect()) {
            c.setAutoCommit(false);
            try (Statement a = c.createStatement();
                    Statement b = c.createStatement()) {
                a.setFetchSize(2);
                b.setFetchSize(3);
                try (ResultSet ra = a.executeQuery("SELECT generate_series(1, 7)");
                        ResultSet rb = b.executeQuery("SELECT generate_series(1, 5)")) {
                    int sumA = 0;
                    int sumB = 0;
                    boolean moreA = true;
                    boolean moreB = true;
                    while (moreA || moreB) {
                        if (moreA && (moreA = ra.next())) {
                            sumA += ra.getInt(1);
                        }
                        if (moreB && (moreB = rb.next())) {
                            sumB += rb.getInt(1);
                        }
                    }
                    assertEquals(28, sumA);
                    assertEquals(15, sumB);
                }
            }
            c.commit();
        }
    }

    @Test
    void errorCarriesSqlStateAndPosition() throws SQLException {
        try (Connection c = server.connect();
                Statement s = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM nowhere"));
            assertEquals("42P01", e.getSQLState());
            assertTrue(e.getMessage().contains("Position: 15"), e.getMessage());
            // the session is still usable
            try (ResultSet rs = s.executeQuery("SELECT 7")) {
                assertTrue(rs.next());
                assertEquals(7, rs.getInt(1));
            }
        }
    }

    @Test
    void setParameterIsReported() throws SQLException {
        try (Connection c = server.connect();
                Statement s = c.createStatement()) {
            s.execute("SET application_name = 'jdbc-test'");
            try (ResultSet rs = s.executeQuery("SHOW application_name")) {
                assertTrue(rs.next());
                assertEquals("jdbc-test", rs.getString(1));
            }
            assertEquals("jdbc-test", c.getClientInfo("ApplicationName"));
        }
    }

    @Test
    void forcedBinaryFromFirstExecution() throws SQLException {
        Properties p = new Properties();
        p.setProperty("prepareThreshold", "-1");
        try (Connection c = server.connect(p);
                ResultSet rs = c.prepareStatement("SELECT * FROM types").executeQuery()) {
            assertTrue(rs.next());
            TypesAssertions.assertTypesRow(rs);
        }
    }

    @Test
    void textResultsOfEveryType() throws SQLException {
        try (Connection c = server.connect();
                ResultSet rs = c.createStatement().executeQuery("SELECT * FROM types")) {
            assertTrue(rs.next());
            TypesAssertions.assertTypesRow(rs);
        }
    }
}
