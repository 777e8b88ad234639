package dev.sluice.executor.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.calcite.avatica.util.ByteString;
import org.junit.jupiter.api.Test;

class ValueCodecTest {
    static final long SEED = Long.getLong("test.seed", System.nanoTime());

    @Test
    void everyInternalClassRoundTrips() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("k", 1.5);
        map.put(null, List.of(1, 2));
        Object[] row = {
            null,
            true,
            false,
            (short) -3,
            Integer.MIN_VALUE,
            Long.MAX_VALUE,
            Float.NaN,
            -0.0d,
            new BigDecimal("-12345678901234567890.0012"),
            new BigDecimal("1E+5"),
            "h\u00e9llo \ud83d\ude00",
            "",
            new ByteString(new byte[] {0, -1, 7}),
            List.of(),
            map,
            new Object[] {1, new Object[] {"nested"}}
        };
        Object[] back = ValueCodec.decodeRow(ValueCodec.encodeRow(row));
        assertEquals(canonical(row), canonical(back));
        for (int i = 0; i < row.length; i++) {
            if (row[i] != null && !(row[i] instanceof List) && !(row[i] instanceof Map)) {
                assertEquals(row[i].getClass(), back[i].getClass(), "class of " + row[i]);
            }
        }
        assertEquals(new BigDecimal("1E+5").scale(), ((BigDecimal) back[9]).scale());
    }

    @Test
    void smallValuesAreSmall() {
        assertEquals(3, ValueCodec.encode(5L).length);
        assertEquals(2, ValueCodec.encode(null).length);
        assertEquals(6, ValueCodec.encodeRow(new Object[] {1, null}).length);
    }

    @Test
    void rejectsForeignValues() {
        assertThrows(IllegalArgumentException.class, () -> ValueCodec.encode(new byte[] {1}));
        assertThrows(IllegalArgumentException.class, () -> ValueCodec.encode(java.time.LocalDate.EPOCH));
    }

    @Test
    void rejectsCorruptInput() {
        assertThrows(CorruptValueException.class, () -> ValueCodec.decode(new byte[0]));
        assertThrows(CorruptValueException.class, () -> ValueCodec.decode(new byte[] {2, 0}));
        assertThrows(CorruptValueException.class, () -> ValueCodec.decode(new byte[] {1, 0, 0}));
        assertThrows(CorruptValueException.class, () -> ValueCodec.decode(new byte[] {1, 99}));
        // A list claiming 2^62 elements must not try to allocate them.
        assertThrows(
                CorruptValueException.class,
                () -> ValueCodec.decode(new byte[] {
                    1,
                    11,
                    (byte) 0x80,
                    (byte) 0x80,
                    (byte) 0x80,
                    (byte) 0x80,
                    (byte) 0x80,
                    (byte) 0x80,
                    (byte) 0x80,
                    (byte) 0x80,
                    0x40
                }));
        assertThrows(CorruptValueException.class, () -> ValueCodec.decodeRow(ValueCodec.encode(1)));
        byte[] deep = new byte[200];
        deep[0] = 1;
        for (int i = 1; i < deep.length; i++) {
            deep[i] = (byte) (i % 2 == 1 ? 11 : 1);
        }
        assertThrows(CorruptValueException.class, () -> ValueCodec.decode(deep));
    }

    @Test
    void randomValuesRoundTrip() {
        Random random = new Random(SEED);
        try {
            for (int i = 0; i < 5000; i++) {
                Object v = randomValue(random, 0);
                byte[] bytes = ValueCodec.encode(v);
                Object back = ValueCodec.decode(bytes);
                assertEquals(canonical(v), canonical(back), "value " + i);
                assertArrayEquals(bytes, ValueCodec.encode(back), "re-encoding value " + i);
            }
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("seed " + SEED + " (rerun with -Dtest.seed=" + SEED + ")", e);
        }
    }

    @Test
    void corruptedBytesFailCleanly() {
        Random random = new Random(SEED);
        try {
            for (int i = 0; i < 20000; i++) {
                byte[] bytes = ValueCodec.encode(randomValue(random, 0));
                int flips = 1 + random.nextInt(3);
                for (int f = 0; f < flips; f++) {
                    int at = random.nextInt(bytes.length);
                    bytes[at] = (byte) (random.nextInt(3) == 0 ? random.nextInt(16) : random.nextInt(256));
                }
                if (random.nextInt(4) == 0) {
                    bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
                }
                try {
                    ValueCodec.decode(bytes);
                } catch (CorruptValueException expected) {
                    // fine: detected
                }
            }
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("seed " + SEED + " (rerun with -Dtest.seed=" + SEED + ")", e);
        }
    }

    static Object canonical(Object v) {
        if (v instanceof Object[] a) {
            List<Object> out = new ArrayList<>();
            for (Object e : a) {
                out.add(canonical(e));
            }
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object e : l) {
                out.add(canonical(e));
            }
            return out;
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(canonical(k), canonical(x)));
            return out;
        }
        return v;
    }

    static Object randomValue(Random r, int depth) {
        int kind = r.nextInt(depth > 3 ? 11 : 14);
        return switch (kind) {
            case 0 -> null;
            case 1 -> r.nextBoolean();
            case 2 -> (short) r.nextInt();
            case 3 -> r.nextBoolean() ? r.nextInt(100) - 50 : r.nextInt();
            case 4 -> r.nextBoolean() ? (long) r.nextInt(1000) : r.nextLong();
            case 5 -> r.nextBoolean() ? r.nextFloat() : Float.intBitsToFloat(r.nextInt());
            case 6 -> r.nextBoolean() ? r.nextDouble() : Double.longBitsToDouble(r.nextLong());
            case 7 -> new BigDecimal(new BigInteger(r.nextInt(200), r), r.nextInt(40) - 10);
            case 8 -> randomString(r);
            case 9 -> {
                byte[] b = new byte[r.nextInt(20)];
                r.nextBytes(b);
                yield new ByteString(b);
            }
            case 10 -> randomString(r).isEmpty() ? "" : "x";
            case 11 -> {
                List<Object> l = new ArrayList<>();
                for (int i = r.nextInt(5); i > 0; i--) {
                    l.add(randomValue(r, depth + 1));
                }
                yield l;
            }
            case 12 -> {
                Map<Object, Object> m = new LinkedHashMap<>();
                for (int i = r.nextInt(4); i > 0; i--) {
                    m.put(randomString(r), randomValue(r, depth + 1));
                }
                yield m;
            }
            default -> {
                Object[] a = new Object[r.nextInt(5)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = randomValue(r, depth + 1);
                }
                yield a;
            }
        };
    }

    static String randomString(Random r) {
        StringBuilder sb = new StringBuilder();
        for (int i = r.nextInt(8); i > 0; i--) {
            int c = r.nextInt(10);
            sb.appendCodePoint(c < 6 ? 'a' + r.nextInt(26) : c < 8 ? 0xe9 + r.nextInt(50) : 0x1F600 + r.nextInt(50));
        }
        return sb.toString();
    }
}
