package dev.sluice.server.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.server.testing.SluiceProcess;
import dev.sluice.server.testing.SluiceProcess.ProcessResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * {@code COPY ... (FORMAT binary)} in PostgreSQL's binary COPY file format through pgjdbc's
 * CopyManager and psql's {@code \copy} against a real server: hand-made files in the documented
 * layout load, the output is byte for byte that layout, every SPEC scalar type round-trips, and a
 * bad signature, a truncated file or a wrong field count fail with 22P04 and write nothing.
 */
@Tag("integration")
class BinaryCopyTest {
    private static final String COLUMNS = "(id INT PRIMARY KEY, b BOOLEAN, s SMALLINT, l BIGINT, r REAL, d DOUBLE,"
            + " n DECIMAL(10,2), t TEXT, v VARCHAR(20), bt BYTEA, dt DATE, tm TIME, ts TIMESTAMP, tz TIMESTAMPTZ,"
            + " iv INTERVAL, a INT[], j JSONB)";
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};

    private static SluiceProcess server;

    @BeforeAll
    static void start() throws Exception {
        server = SluiceProcess.start();
        try (Connection c = server.connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE bin_src " + COLUMNS);
            s.execute("CREATE TABLE bin_exact (n INT, t TEXT)");
            copy(c).copyIn(
                            "COPY bin_src FROM STDIN (FORMAT csv)",
                            new StringReader(
                                    "1,true,-2,9000000000,1.5,2.25,-12.34,\"tab\there, \"\"q\"\"\",ünï,\\xdeadbeef,"
                                            + "2026-01-02,10:11:12.5,2026-01-02 03:04:05.123,2026-01-02 03:04:05+02,"
                                            + "1 day 02:00:03,\"{1,2,NULL}\",\"{\"\"k\"\": [1, \"\"two\"\"]}\"\n"
                                            + "2,,,,,,,,,,,,,,,,\n"
                                            + "3,false,0,0,-0.5,1e300,0.00,,\"\",\\x,1999-12-31,00:00:00,1970-01-01 00:00:00,"
                                            + "1970-01-01 00:00:00+00,-3 mons,{},[]\n"));
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static CopyManager copy(Connection c) throws SQLException {
        return c.unwrap(PGConnection.class).getCopyAPI();
    }

    private static byte[] copyOut(Connection c, String sql) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        copy(c).copyOut(sql, out);
        return out.toByteArray();
    }

    private static long copyIn(Connection c, String sql, byte[] data) throws Exception {
        return copy(c).copyIn(sql, new ByteArrayInputStream(data));
    }

    private static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    values.add(rs.getString(i));
                }
                out.add(String.join("|", values));
            }
        }
        return out;
    }

    /** Header (with an extension area to skip), then tuples, in the documented layout. */
    private static final class BinaryFile {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final DataOutputStream out = new DataOutputStream(bytes);

        BinaryFile header(byte[] extension) throws IOException {
            out.write(SIGNATURE);
            out.writeInt(0);
            out.writeInt(extension.length);
            out.write(extension);
            return this;
        }

        BinaryFile tuple(Integer n, String t) throws IOException {
            out.writeShort(2);
            if (n == null) {
                out.writeInt(-1);
            } else {
                out.writeInt(4);
                out.writeInt(n);
            }
            byte[] text = t.getBytes(StandardCharsets.UTF_8);
            out.writeInt(text.length);
            out.write(text);
            return this;
        }

        BinaryFile trailer() throws IOException {
            out.writeShort(-1);
            return this;
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }
    }

    @Test
    void theDocumentedLayoutLoadsAndComesBackByteForByte() throws Exception {
        try (Connection c = server.connect()) {
            byte[] in = new BinaryFile()
                    .header(new byte[] {1, 2, 3, 4})
                    .tuple(42, "hi")
                    .tuple(null, "")
                    .tuple(-7, "ünï")
                    .trailer()
                    .bytes();
            assertEquals(3, copyIn(c, "COPY bin_exact FROM STDIN (FORMAT binary)", in));
            assertEquals(List.of("-7|ünï", "42|hi", "null|"), rows(c, "SELECT n, t FROM bin_exact ORDER BY n"));

            byte[] out = copyOut(c, "COPY (SELECT n, t FROM bin_exact ORDER BY n) TO STDOUT (FORMAT binary)");
            byte[] expected = new BinaryFile()
                    .header(new byte[0])
                    .tuple(-7, "ünï")
                    .tuple(42, "hi")
                    .tuple(null, "")
                    .trailer()
                    .bytes();
            assertArrayEquals(expected, out, Arrays.toString(out));
        }
    }

    @Test
    void everyScalarTypeRoundTripsThroughPgjdbcAndPsql(@TempDir Path tmp) throws Exception {
        try (Connection c = server.connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE bin_dst " + COLUMNS);
            s.execute("CREATE TABLE bin_psql " + COLUMNS);
            byte[] data = copyOut(c, "COPY (SELECT * FROM bin_src ORDER BY id) TO STDOUT (FORMAT binary)");
            assertArrayEquals(SIGNATURE, Arrays.copyOf(data, SIGNATURE.length));
            assertEquals((byte) 0xFF, data[data.length - 1]);
            assertEquals((byte) 0xFF, data[data.length - 2]);
            assertEquals(3, copyIn(c, "COPY bin_dst FROM STDIN (FORMAT binary)", data));
            List<String> source = rows(c, "SELECT * FROM bin_src ORDER BY id");
            assertEquals(3, source.size());
            assertTrue(source.get(0).contains("tab\there, \"q\""), source.get(0));
            assertTrue(source.get(0).endsWith("|{\"k\": [1, \"two\"]}"), source.get(0));
            // A plain copy of a jsonb column stays jsonb (so the binary COPY above sent jsonb's format).
            try (ResultSet rs = s.executeQuery("SELECT j, j::text AS t FROM bin_src")) {
                assertEquals("jsonb", rs.getMetaData().getColumnTypeName(1));
                assertEquals("text", rs.getMetaData().getColumnTypeName(2));
            }
            assertEquals(source, rows(c, "SELECT * FROM bin_dst ORDER BY id"));

            // psql: \copy ... to a file gives the same bytes; \copy ... from that file loads them.
            Path file = tmp.resolve("src.bin");
            ProcessResult out = server.psql(
                    "-c", "\\copy (SELECT * FROM bin_src ORDER BY id) to '" + file + "' with (format binary)");
            assertEquals(0, out.exitCode(), out.stderr());
            assertArrayEquals(data, Files.readAllBytes(file));
            ProcessResult in = server.psql("-c", "\\copy bin_psql from '" + file + "' with (format binary)");
            assertEquals(0, in.exitCode(), in.stderr());
            assertTrue(in.stdout().contains("COPY 3"), in.stdout());
            assertEquals(source, rows(c, "SELECT * FROM bin_psql ORDER BY id"));
        }
    }

    @Test
    void badInputIs22P04AndWritesNothing(@TempDir Path tmp) throws Exception {
        try (Connection c = server.connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE bin_bad (n INT, t TEXT)");
            String sql = "COPY bin_bad FROM STDIN (FORMAT binary)";

            SQLException signature = assertThrows(
                    SQLException.class,
                    () -> copyIn(c, sql, "PGCOPY\nnot really".getBytes(StandardCharsets.ISO_8859_1)));
            assertEquals("22P04", signature.getSQLState());
            assertTrue(signature.getMessage().contains("COPY file signature not recognized"), signature.getMessage());

            byte[] whole = new BinaryFile()
                    .header(new byte[0])
                    .tuple(1, "one")
                    .tuple(2, "two")
                    .trailer()
                    .bytes();
            byte[] truncated = Arrays.copyOf(whole, whole.length - 6); // inside the second tuple
            SQLException eof = assertThrows(SQLException.class, () -> copyIn(c, sql, truncated));
            assertEquals("22P04", eof.getSQLState());
            assertTrue(eof.getMessage().contains("unexpected EOF in COPY data"), eof.getMessage());

            SQLException headerOnly = assertThrows(SQLException.class, () -> copyIn(c, sql, Arrays.copyOf(whole, 13)));
            assertEquals("22P04", headerOnly.getSQLState());

            ByteArrayOutputStream oneField = new ByteArrayOutputStream();
            DataOutputStream d = new DataOutputStream(oneField);
            d.write(Arrays.copyOf(whole, 19));
            d.writeShort(1);
            d.writeInt(4);
            d.writeInt(5);
            SQLException count = assertThrows(SQLException.class, () -> copyIn(c, sql, oneField.toByteArray()));
            assertEquals("22P04", count.getSQLState());
            assertTrue(count.getMessage().contains("row field count is 1, expected 2"), count.getMessage());

            // A value whose bytes do not fit its type: 22P03 naming the column.
            ByteArrayOutputStream badInt = new ByteArrayOutputStream();
            d = new DataOutputStream(badInt);
            d.write(Arrays.copyOf(whole, 19));
            d.writeShort(2);
            d.writeInt(2);
            d.writeShort(5);
            d.writeInt(-1);
            SQLException value = assertThrows(SQLException.class, () -> copyIn(c, sql, badInt.toByteArray()));
            assertEquals("22P03", value.getSQLState());
            assertTrue(value.getMessage().contains("column \"n\""), value.getMessage());

            assertEquals(List.of("0"), rows(c, "SELECT count(*) FROM bin_bad"), "nothing was written");

            // The session goes on, and the whole file loads.
            assertEquals(2, copyIn(c, sql, whole));

            // psql says so too, and a text-format option in binary mode is a syntax error.
            Path bad = tmp.resolve("bad.bin");
            Files.write(bad, truncated);
            ProcessResult psql = server.psql("-c", "\\copy bin_bad from '" + bad + "' with (format binary)");
            assertEquals(1, psql.exitCode());
            assertTrue(psql.stderr().contains("ERROR:  unexpected EOF in COPY data"), psql.stderr());
            SQLException header = assertThrows(
                    SQLException.class, () -> copyIn(c, "COPY bin_bad FROM STDIN (FORMAT binary, HEADER true)", whole));
            assertEquals("42601", header.getSQLState());
            assertTrue(header.getMessage().contains("cannot specify HEADER in BINARY mode"), header.getMessage());
            assertEquals(List.of("2"), rows(c, "SELECT count(*) FROM bin_bad"));
        }
    }
}
