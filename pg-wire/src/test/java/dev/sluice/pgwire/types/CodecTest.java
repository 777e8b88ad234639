package dev.sluice.pgwire.types;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sluice.common.SluiceException;
import dev.sluice.common.types.Interval;
import dev.sluice.common.types.SqlType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Text and binary codecs: exact PostgreSQL text forms and lossless round trips. */
class CodecTest {
    static final ZoneId UTC = ZoneOffset.UTC;

    static Object binaryRoundTrip(Object v, SqlType type) {
        ByteBuf buf = Unpooled.buffer();
        BinaryCodec.encode(buf, v, type, UTC);
        return BinaryCodec.decode(buf, type.oid(), type, UTC);
    }

    static Object textRoundTrip(Object v, SqlType type) {
        return TextCodec.decode(TextCodec.encode(v, type, UTC), type, UTC);
    }

    static void roundTrips(Object v, SqlType type) {
        if (v instanceof byte[] b) {
            assertArrayEquals(b, (byte[]) binaryRoundTrip(v, type));
            assertArrayEquals(b, (byte[]) textRoundTrip(v, type));
            return;
        }
        if (v instanceof BigDecimal d) {
            assertEquals(0, d.compareTo((BigDecimal) binaryRoundTrip(v, type)), "binary " + d);
            assertEquals(d.stripTrailingZeros(), ((BigDecimal) textRoundTrip(v, type)).stripTrailingZeros());
            return;
        }
        assertEquals(v, binaryRoundTrip(v, type), "binary " + type);
        assertEquals(v, textRoundTrip(v, type), "text " + type);
    }

    @Test
    void everyTypeRoundTrips() {
        roundTrips(true, SqlType.BOOLEAN);
        roundTrips((short) -7, SqlType.SMALLINT);
        roundTrips(Integer.MIN_VALUE, SqlType.INT);
        roundTrips(Long.MAX_VALUE, SqlType.BIGINT);
        roundTrips(3.25f, SqlType.REAL);
        roundTrips(-1.0e-300, SqlType.DOUBLE);
        roundTrips("ünïcode \"quotes\" and\ttabs", SqlType.TEXT);
        roundTrips("v", SqlType.varchar(3));
        roundTrips(new byte[] {0, 1, (byte) 0x80, (byte) 0xff}, SqlType.BYTEA);
        roundTrips(LocalDate.of(1999, 12, 31), SqlType.DATE);
        roundTrips(LocalDate.of(2100, 2, 28), SqlType.DATE);
        roundTrips(LocalTime.of(23, 59, 59, 999_999_000), SqlType.TIME);
        roundTrips(LocalDateTime.of(1970, 1, 1, 0, 0, 0, 1000), SqlType.TIMESTAMP);
        roundTrips(Instant.parse("1969-07-20T20:17:40.000001Z"), SqlType.TIMESTAMPTZ);
        roundTrips(new Interval(-14, 3, 3_723_000_001L), SqlType.INTERVAL);
        roundTrips("{\"k\": [1, 2]}", SqlType.JSONB);
        roundTrips(Arrays.asList(1, null, -3), SqlType.array(SqlType.INT));
        roundTrips(List.of("a b", "", "NULL", "x,y", "q\"uote"), SqlType.array(SqlType.TEXT));
    }

    @Test
    void numericEdgeCases() {
        for (String s : new String[] {
            "0",
            "0.00",
            "-1.5",
            "10000",
            "0.0001",
            "123456789.123456789",
            "-0.00000000000000000001",
            "99999999",
            "100000000",
            "1E+5",
            "12345.678"
        }) {
            roundTrips(new BigDecimal(s), SqlType.DECIMAL);
        }
        // binary keeps the display scale
        assertEquals("0.00", ((BigDecimal) binaryRoundTrip(new BigDecimal("0.00"), SqlType.DECIMAL)).toPlainString());
        assertEquals("12.50", ((BigDecimal) binaryRoundTrip(new BigDecimal("12.50"), SqlType.DECIMAL)).toPlainString());
    }

    @Test
    void textFormsMatchPostgres() {
        assertEquals("t", TextCodec.encode(true, SqlType.BOOLEAN, UTC));
        assertEquals("1e+20", TextCodec.encode(1e20, SqlType.DOUBLE, UTC));
        assertEquals("0.1", TextCodec.encode(0.1, SqlType.DOUBLE, UTC));
        assertEquals("1", TextCodec.encode(1.0, SqlType.DOUBLE, UTC));
        assertEquals("1e-05", TextCodec.encode(0.00001, SqlType.DOUBLE, UTC));
        assertEquals("-Infinity", TextCodec.encode(Double.NEGATIVE_INFINITY, SqlType.DOUBLE, UTC));
        assertEquals("NaN", TextCodec.encode(Float.NaN, SqlType.REAL, UTC));
        assertEquals("\\x0001ff", TextCodec.encode(new byte[] {0, 1, (byte) 0xff}, SqlType.BYTEA, UTC));
        assertEquals("10:11:12.345", TextCodec.encode(LocalTime.of(10, 11, 12, 345_000_000), SqlType.TIME, UTC));
        assertEquals(
                "2026-11-22 10:11:12",
                TextCodec.encode(LocalDateTime.of(2026, 11, 22, 10, 11, 12), SqlType.TIMESTAMP, UTC));
        assertEquals(
                "2026-11-22 15:41:12.5+05:30",
                TextCodec.encode(
                        Instant.parse("2026-11-22T10:11:12.5Z"), SqlType.TIMESTAMPTZ, ZoneId.of("Asia/Kolkata")));
        assertEquals(
                "1 year 2 mons 3 days 01:02:03",
                TextCodec.encode(new Interval(14, 3, 3_723_000_000L), SqlType.INTERVAL, UTC));
        assertEquals("{1,NULL,3}", TextCodec.encode(Arrays.asList(1, null, 3), SqlType.array(SqlType.INT), UTC));
        assertEquals(
                "{\"a b\",\"\",\"NULL\",\"x,y\"}",
                TextCodec.encode(List.of("a b", "", "NULL", "x,y"), SqlType.array(SqlType.TEXT), UTC));
    }

    @Test
    void textInputsClientsSend() {
        assertEquals(
                Instant.parse("2026-01-02T02:04:05Z"),
                TextCodec.decode("2026-01-02 03:04:05+01", SqlType.TIMESTAMPTZ, UTC));
        assertEquals(
                Instant.parse("2026-01-02T03:04:05.123Z"),
                TextCodec.decode("2026-01-02T03:04:05.123Z", SqlType.TIMESTAMPTZ, UTC));
        assertEquals(
                new Interval(0, 1, 7_384_500_000L),
                TextCodec.decode("0 years 0 mons 1 days 2 hours 3 mins 4.5 secs", SqlType.INTERVAL, UTC));
        assertEquals(new Interval(14, 3, 14_706_500_000L), TextCodec.decode("P1Y2M3DT4H5M6.5S", SqlType.INTERVAL, UTC));
        assertEquals(
                new Interval(0, -1, -7_200_000_000L), TextCodec.decode("-1 days -02:00:00", SqlType.INTERVAL, UTC));
        assertEquals(Boolean.TRUE, TextCodec.decode("yes", SqlType.BOOLEAN, UTC));
        assertEquals(
                List.of(List.of(1, 2), List.of(3, 4)),
                TextCodec.decode("{{1,2},{3,4}}", SqlType.array(SqlType.array(SqlType.INT)), UTC));
    }

    @Test
    void badInputGivesPostgresErrors() {
        SluiceException e = assertThrows(SluiceException.class, () -> TextCodec.decode("12x", SqlType.INT, UTC));
        assertEquals("22P02", e.sqlState());
        assertEquals("invalid input syntax for type integer: \"12x\"", e.getMessage());
        e = assertThrows(SluiceException.class, () -> TextCodec.decode("99999999999", SqlType.INT, UTC));
        assertEquals("22003", e.sqlState());
        ByteBuf shortInt = Unpooled.buffer().writeShort(1);
        e = assertThrows(SluiceException.class, () -> BinaryCodec.decode(shortInt, PgTypes.INT4, SqlType.INT, UTC));
        assertEquals("22P03", e.sqlState());
    }

    @Test
    void binaryParametersAreCoercedToTheEngineType() {
        ByteBuf int4 = Unpooled.buffer().writeInt(42);
        assertEquals(42L, BinaryCodec.decode(int4, PgTypes.INT4, SqlType.BIGINT, UTC));
        ByteBuf text = Unpooled.wrappedBuffer("17".getBytes());
        assertEquals(17, BinaryCodec.decode(text, PgTypes.VARCHAR, SqlType.INT, UTC));
    }

    @Test
    void jsonbWithoutItsVersionByteIs22P03() {
        // jsonb's binary form is version 1, then the text; text sent as jsonb would lose its first character
        ByteBuf text = Unpooled.wrappedBuffer("{\"k\": 1}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        SluiceException e = assertThrows(
                SluiceException.class,
                () -> BinaryCodec.decode(text, SqlType.JSONB.oid(), SqlType.JSONB, ZoneOffset.UTC));
        assertEquals("22P03", e.sqlState());
        assertEquals("unsupported jsonb version number 123", e.getMessage());
    }
}
