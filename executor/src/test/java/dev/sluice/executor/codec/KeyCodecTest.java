package dev.sluice.executor.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sluice.common.SluiceException;
import dev.sluice.common.types.Interval;
import dev.sluice.common.types.SqlType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class KeyCodecTest {
    private static final long SEED = Long.getLong("test.seed", System.nanoTime());

    /** Sorting values by the codec's bytes must give their natural SQL order (NULL first). */
    private static <T> void assertOrderPreserved(SqlType type, Supplier<T> gen, Comparator<T> order) {
        List<T> values = new ArrayList<>();
        values.add(null);
        for (int i = 0; i < 2_000; i++) {
            values.add(gen.get());
        }
        Comparator<T> sqlOrder = Comparator.nullsFirst(order);
        for (int i = 0; i < 20_000; i++) {
            T a = values.get((int) (Math.abs((long) (i * 7919L + SEED)) % values.size()));
            T b = values.get((i * 31 + 17) % values.size());
            int expected = Integer.signum(sqlOrder.compare(a, b));
            int actual = Integer.signum(Arrays.compareUnsigned(KeyCodec.encode(type, a), KeyCodec.encode(type, b)));
            assertEquals(expected, actual, "seed " + SEED + ": " + type + " " + a + " vs " + b);
        }
    }

    @Test
    void integersKeepOrder() {
        Random r = new Random(SEED);
        assertOrderPreserved(SqlType.INT, () -> r.nextInt(3) == 0 ? r.nextInt(10) - 5 : r.nextInt(), Integer::compare);
        assertOrderPreserved(SqlType.BIGINT, r::nextLong, Long::compare);
        assertOrderPreserved(SqlType.SMALLINT, () -> (short) r.nextInt(), Short::compare);
    }

    @Test
    void floatsKeepOrderWithNanLastAndZerosEqual() {
        Random r = new Random(SEED);
        double[] specials = {0.0, -0.0, Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.MIN_VALUE
        };
        assertOrderPreserved(
                SqlType.DOUBLE,
                () -> r.nextInt(10) == 0
                        ? specials[r.nextInt(specials.length)]
                        : (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(20)),
                (a, b) -> a.equals(-0.0) || b.equals(-0.0)
                        ? Double.compare(a == 0 ? 0.0 : a, b == 0 ? 0.0 : b)
                        : Double.compare(a, b));
        assertArrayEquals(KeyCodec.encode(SqlType.REAL, 0.0f), KeyCodec.encode(SqlType.REAL, -0.0f));
        assertOrderPreserved(SqlType.REAL, () -> (r.nextFloat() - 0.5f) * 1000, Float::compare);
    }

    @Test
    void decimalsKeepOrderAcrossScales() {
        Random r = new Random(SEED);
        assertOrderPreserved(
                SqlType.DECIMAL,
                () -> new BigDecimal(java.math.BigInteger.valueOf(r.nextLong() % 1_000_000), r.nextInt(12) - 4),
                BigDecimal::compareTo);
        assertArrayEquals(
                KeyCodec.encode(SqlType.DECIMAL, new BigDecimal("1.0")),
                KeyCodec.encode(SqlType.DECIMAL, new BigDecimal("1.000")));
    }

    @Test
    void stringsAndBytesKeepOrderIncludingZeroBytesAndPrefixes() {
        Random r = new Random(SEED);
        String alphabet = "ab\u0000z\u00e9";
        assertOrderPreserved(
                SqlType.TEXT,
                () -> {
                    StringBuilder sb = new StringBuilder();
                    int n = r.nextInt(5);
                    for (int i = 0; i < n; i++) {
                        sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
                    }
                    return sb.toString();
                },
                Comparator.comparing(s -> s.getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned));
        assertOrderPreserved(
                SqlType.BYTEA,
                () -> {
                    byte[] b = new byte[r.nextInt(4)];
                    for (int i = 0; i < b.length; i++) {
                        b[i] = (byte) (r.nextInt(3) - 1);
                    }
                    return b;
                },
                Arrays::compareUnsigned);
    }

    @Test
    void temporalTypesKeepOrder() {
        Random r = new Random(SEED);
        assertOrderPreserved(
                SqlType.DATE, () -> LocalDate.ofEpochDay(r.nextInt(200_000) - 100_000), LocalDate::compareTo);
        assertOrderPreserved(
                SqlType.TIMESTAMP,
                () -> LocalDateTime.ofEpochSecond(
                        r.nextInt() / 4L * 3, r.nextInt(1_000_000_000), java.time.ZoneOffset.UTC),
                LocalDateTime::compareTo);
        assertOrderPreserved(
                SqlType.TIMESTAMPTZ,
                () -> Instant.ofEpochSecond(r.nextInt(), r.nextInt(1_000_000_000)),
                Instant::compareTo);
        assertOrderPreserved(
                SqlType.INTERVAL,
                () -> new Interval(0, r.nextInt(100) - 50, r.nextLong() % 1_000_000_000_000L),
                Interval::compareTo);
    }

    @Test
    void compositeKeysCompareColumnByColumn() {
        List<SqlType> types = List.of(SqlType.TEXT, SqlType.INT);
        byte[] a1 = KeyCodec.encode(types, new Object[] {"a", 1});
        byte[] a2 = KeyCodec.encode(types, new Object[] {"a", 2});
        byte[] ab = KeyCodec.encode(types, new Object[] {"ab", 0});
        byte[] nullFirst = KeyCodec.encode(types, new Object[] {null, 0});
        assertEquals(-1, Integer.signum(Arrays.compareUnsigned(a1, a2)));
        assertEquals(-1, Integer.signum(Arrays.compareUnsigned(a2, ab)));
        assertEquals(-1, Integer.signum(Arrays.compareUnsigned(nullFirst, a1)));
    }

    @Test
    void arraysAndStructsAreKeys() {
        SqlType arr = SqlType.array(SqlType.INT);
        assertEquals(
                -1,
                Integer.signum(Arrays.compareUnsigned(
                        KeyCodec.encode(arr, List.of(1, 2)), KeyCodec.encode(arr, List.of(1, 2, 0)))));
        assertEquals(
                -1,
                Integer.signum(Arrays.compareUnsigned(
                        KeyCodec.encode(arr, Arrays.asList(1, null)), KeyCodec.encode(arr, List.of(1, 0)))));
        SqlType st = SqlType.struct(List.of(new SqlType.Field("a", SqlType.INT), new SqlType.Field("b", SqlType.TEXT)));
        assertArrayEquals(
                KeyCodec.encode(List.of(SqlType.INT, SqlType.TEXT), new Object[] {1, "x"}),
                Arrays.copyOfRange(
                        KeyCodec.encode(st, List.of(1, "x")), 1, KeyCodec.encode(st, List.of(1, "x")).length));
    }

    @Test
    void mapsCannotBeKeys() {
        SluiceException e = assertThrows(
                SluiceException.class, () -> KeyCodec.encode(SqlType.map(SqlType.TEXT, SqlType.INT), Map.of("a", 1)));
        assertEquals("0A000", e.sqlState());
    }

    @Test
    void murmur2MatchesKafkasPartitioner() {
        // Reference values of Kafka's Utils.murmur2 for these inputs.
        assertEquals(-973932308, Partitioner.murmur2("21".getBytes(StandardCharsets.UTF_8)));
        assertEquals(-790332482, Partitioner.murmur2("foobar".getBytes(StandardCharsets.UTF_8)));
        assertEquals(-985981536, Partitioner.murmur2("a-little-bit-long-string".getBytes(StandardCharsets.UTF_8)));
        assertEquals(-1486304829, Partitioner.murmur2("a-little-bit-longer-string".getBytes(StandardCharsets.UTF_8)));
        assertEquals(
                -58897971,
                Partitioner.murmur2(
                        "lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8".getBytes(StandardCharsets.UTF_8)));
        assertEquals(479470107, Partitioner.murmur2("abc".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void equalKeysLandInTheSamePartition() {
        byte[] a = KeyCodec.encode(SqlType.DECIMAL, new BigDecimal("2.50"));
        byte[] b = KeyCodec.encode(SqlType.DECIMAL, new BigDecimal("2.5"));
        assertEquals(Partitioner.partition(a, 4), Partitioner.partition(b, 4));
        for (int i = 0; i < 1000; i++) {
            int p = Partitioner.partition(KeyCodec.encode(SqlType.INT, i), 4);
            assertEquals(true, p >= 0 && p < 4);
        }
    }
}
