package dev.sluice.executor.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sluice.common.types.Interval;
import dev.sluice.common.types.SqlType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyDecoderTest {

    @Test
    void decodesWhatKeyCodecWrote() {
        List<SqlType> types = List.of(
                SqlType.BOOLEAN,
                SqlType.SMALLINT,
                SqlType.INT,
                SqlType.BIGINT,
                SqlType.REAL,
                SqlType.DOUBLE,
                SqlType.TEXT,
                SqlType.BYTEA,
                SqlType.DATE,
                SqlType.TIME,
                SqlType.TIMESTAMP,
                SqlType.TIMESTAMPTZ,
                SqlType.INTERVAL,
                SqlType.array(SqlType.INT));
        Object[][] rows = {
            {
                true,
                (short) -7,
                Integer.MIN_VALUE,
                Long.MAX_VALUE,
                -1.5f,
                2.25d,
                "a\u0000b\u00e9",
                new byte[] {0, 1, (byte) 0xFF},
                LocalDate.of(1969, 12, 31),
                LocalTime.of(23, 59, 59, 123_000_000),
                LocalDateTime.of(2026, 11, 22, 10, 0, 0, 5_000),
                Instant.ofEpochSecond(-5, 7),
                new Interval(1, -2, 3),
                Arrays.asList(1, null, -3)
            },
            {
                false,
                (short) 300,
                0,
                -1L,
                0.0f,
                -0.5d,
                "",
                new byte[0],
                LocalDate.of(2000, 1, 1),
                LocalTime.MIDNIGHT,
                LocalDateTime.of(1900, 1, 1, 0, 0),
                Instant.EPOCH,
                Interval.ZERO,
                List.of()
            },
            {null, null, null, null, null, null, null, null, null, null, null, null, null, null}
        };
        for (Object[] row : rows) {
            Object[] back = KeyDecoder.decode(types, KeyCodec.encode(types, row));
            assertArrayEquals(row, normalize(back), Arrays.deepToString(row));
        }
    }

    private static Object[] normalize(Object[] values) {
        Object[] out = values.clone();
        if (out[13] != null) {
            out[13] = new java.util.ArrayList<>((List<?>) out[13]);
        }
        return out;
    }

    @Test
    void decimalsComeBackNumericallyEqual() {
        for (String s : new String[] {"0", "1.50", "-1.5", "123456789012345678901234567890.5", "-0.001", "1E+5"}) {
            BigDecimal v = new BigDecimal(s);
            Object[] back =
                    KeyDecoder.decode(List.of(SqlType.decimal(40, 5)), KeyCodec.encode(SqlType.decimal(40, 5), v));
            assertEquals(0, v.compareTo((BigDecimal) back[0]), s);
        }
    }

    @Test
    void trailingBytesAreCorrupt() {
        byte[] key = KeyCodec.encode(SqlType.INT, 5);
        byte[] longer = Arrays.copyOf(key, key.length + 1);
        assertThrows(CorruptRowException.class, () -> KeyDecoder.decode(List.of(SqlType.INT), longer));
        assertThrows(CorruptRowException.class, () -> KeyDecoder.decode(List.of(SqlType.BIGINT), key));
    }
}
