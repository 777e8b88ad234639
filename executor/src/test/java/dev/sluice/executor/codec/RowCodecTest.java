package dev.sluice.executor.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.common.Row;
import dev.sluice.common.RowKind;
import dev.sluice.common.types.Column;
import dev.sluice.common.types.Interval;
import dev.sluice.common.types.Schema;
import dev.sluice.common.types.SqlType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RowCodecTest {
    static final Schema ALL_TYPES = Schema.of(List.of(
            Column.of("b", SqlType.BOOLEAN),
            Column.of("s", SqlType.SMALLINT),
            Column.of("i", SqlType.INT),
            Column.of("l", SqlType.BIGINT),
            Column.of("r", SqlType.REAL),
            Column.of("d", SqlType.DOUBLE),
            Column.of("n", SqlType.decimal(20, 4)),
            Column.of("v", SqlType.varchar(10)),
            Column.of("t", SqlType.TEXT),
            Column.of("y", SqlType.BYTEA),
            Column.of("dt", SqlType.DATE),
            Column.of("tm", SqlType.TIME),
            Column.of("ts", SqlType.TIMESTAMP),
            Column.of("tz", SqlType.TIMESTAMPTZ),
            Column.of("iv", SqlType.INTERVAL),
            Column.of("j", SqlType.JSONB),
            Column.of("a", SqlType.array(SqlType.INT)),
            Column.of("m", SqlType.map(SqlType.TEXT, SqlType.DOUBLE)),
            Column.of(
                    "st",
                    SqlType.struct(List.of(
                            new SqlType.Field("x", SqlType.INT),
                            new SqlType.Field("y", SqlType.array(SqlType.TEXT)))))));

    static Row sampleRow() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("k1", 1.5);
        map.put("k2", null);
        return Row.of(
                true,
                (short) -7,
                Integer.MIN_VALUE,
                Long.MAX_VALUE,
                1.25f,
                -0.0d,
                new BigDecimal("-12345678901234.5678"),
                "héllo",
                "",
                new byte[] {0, -1, 2},
                LocalDate.of(1969, 12, 31),
                LocalTime.of(23, 59, 59, 999_999_000),
                LocalDateTime.of(2026, 1, 1, 10, 0, 0, 123_456_000),
                Instant.parse("1900-01-01T00:00:00.000001Z"),
                new Interval(14, -3, 3_600_000_001L),
                "{\"a\": [1, 2]}",
                Arrays.asList(1, null, 3),
                map,
                Arrays.asList(5, Arrays.asList("p", null)));
    }

    @Test
    void everyTypeRoundTrips() {
        Row row = sampleRow();
        byte[] bytes = RowCodec.encode(ALL_TYPES, row);
        Row back = RowCodec.decode(ALL_TYPES, RowKind.INSERT, bytes);
        assertEquals(row, back);
        assertEquals(
                RowKind.UPDATE_AFTER,
                RowCodec.decode(ALL_TYPES, RowKind.UPDATE_AFTER, bytes).kind());
    }

    @Test
    void nullsCostOneBitEach() {
        Object[] nulls = new Object[ALL_TYPES.size()];
        Row row = Row.of(nulls);
        byte[] bytes = RowCodec.encode(ALL_TYPES, row);
        // version + count + ceil(19/8) bitmap bytes
        assertEquals(1 + 1 + 3, bytes.length);
        assertEquals(row, RowCodec.decode(ALL_TYPES, RowKind.INSERT, bytes));
    }

    @Test
    void smallIntegersAreCompact() {
        Schema s = Schema.of(List.of(Column.of("a", SqlType.INT), Column.of("b", SqlType.BIGINT)));
        assertArrayEquals(new byte[] {1, 2, 0, 2, 1}, RowCodec.encode(s, Row.of(1, -1L)));
    }

    @Test
    void everyTruncationIsDetected() {
        byte[] bytes = RowCodec.encode(ALL_TYPES, sampleRow());
        for (int len = 0; len < bytes.length; len++) {
            int n = len;
            assertThrows(
                    CorruptRowException.class,
                    () -> RowCodec.decode(ALL_TYPES, RowKind.INSERT, bytes, 0, n),
                    "prefix of " + n + " bytes");
        }
    }

    @Test
    void schemaMismatchAndTrailingBytesAreDetected() {
        byte[] bytes = RowCodec.encode(ALL_TYPES, sampleRow());
        Schema shorter = Schema.of(ALL_TYPES.columns().subList(0, 3));
        CorruptRowException e =
                assertThrows(CorruptRowException.class, () -> RowCodec.decode(shorter, RowKind.INSERT, bytes));
        assertTrue(e.getMessage().contains("19 columns but the schema has 3"), e.getMessage());
        assertEquals("XX001", e.sqlState());
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThrows(CorruptRowException.class, () -> RowCodec.decode(ALL_TYPES, RowKind.INSERT, longer));
    }

    @Test
    void randomBytesNeverDecodeToAnythingButARowOrACorruptRowError() {
        long seed = Long.getLong("test.seed", System.nanoTime());
        Random random = new Random(seed);
        byte[] valid = RowCodec.encode(ALL_TYPES, sampleRow());
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = valid.clone();
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            try {
                RowCodec.decode(ALL_TYPES, RowKind.INSERT, bytes);
            } catch (CorruptRowException expected) {
                // fine: detected
            } catch (RuntimeException other) {
                throw new AssertionError("seed " + seed + ": unexpected " + other, other);
            }
        }
    }

    @Test
    void arraysOfManyNullsRoundTrip() {
        Schema s = Schema.of(List.of(Column.of("a", SqlType.array(SqlType.INT))));
        Row row = Row.of(Arrays.asList(new Integer[100]));
        assertEquals(row, RowCodec.decode(s, RowKind.INSERT, RowCodec.encode(s, row)));
    }

    @Test
    void wrongJavaTypeIsAClearProgrammingError() {
        Schema s = Schema.of(List.of(Column.of("a", SqlType.INT)));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> RowCodec.encode(s, Row.of("not an int")));
        assertEquals("value for a of type INT is a String, expected Integer", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RowCodec.encode(s, Row.of(1, 2)));
    }
}
