package dev.sluice.pgwire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.postgresql.util.PGInterval;

/** Checks FakeSession.TypesRow as pgjdbc sees it, in text or binary. */
final class TypesAssertions {
    private TypesAssertions() {}

    static void assertTypesRow(ResultSet rs) throws SQLException {
        assertEquals(true, rs.getBoolean("b"));
        assertEquals(12, rs.getShort("i2"));
        assertEquals(1234, rs.getInt("i4"));
        assertEquals(1234567890123L, rs.getLong("i8"));
        assertEquals(1.5f, rs.getFloat("f4"));
        assertEquals(0.1, rs.getDouble("f8"));
        assertEquals(new BigDecimal("12345.678"), rs.getBigDecimal("dec"));
        assertEquals("héllo", rs.getString("vc"));
        assertEquals("tab\there", rs.getString("txt"));
        assertArrayEquals(new byte[] {1, 2, (byte) 0xff}, rs.getBytes("bin"));
        assertEquals(LocalDate.of(2026, 11, 22), rs.getObject("d", LocalDate.class));
        assertEquals(LocalTime.of(10, 11, 12, 345_000_000), rs.getObject("t", LocalTime.class));
        assertEquals(LocalDateTime.of(2026, 11, 22, 10, 11, 12, 123_456_000), rs.getObject("ts", LocalDateTime.class));
        assertEquals(
                OffsetDateTime.of(2026, 11, 22, 10, 11, 12, 500_000_000, ZoneOffset.UTC)
                        .toInstant(),
                rs.getObject("tstz", OffsetDateTime.class).toInstant());
        PGInterval iv = (PGInterval) rs.getObject("iv");
        assertEquals(1, iv.getYears());
        assertEquals(2, iv.getMonths());
        assertEquals(3, iv.getDays());
        assertEquals(1, iv.getHours());
        assertEquals(2, iv.getMinutes());
        assertEquals(3.0, iv.getSeconds());
        Object[] arr = (Object[]) rs.getArray("arr").getArray();
        assertEquals(3, arr.length);
        assertEquals(1, arr[0]);
        assertNull(arr[1]);
        assertEquals("{\"a\": 1}", rs.getString("js"));
        ResultSetMetaData md = rs.getMetaData();
        assertEquals(Types.NUMERIC, md.getColumnType(7));
        assertEquals(10, md.getPrecision(7));
        assertEquals(3, md.getScale(7));
        assertEquals(20, md.getColumnDisplaySize(8));
        assertEquals("int4", md.getColumnTypeName(3));
        assertEquals("timestamptz", md.getColumnTypeName(14));
    }
}
