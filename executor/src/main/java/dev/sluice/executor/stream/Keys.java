package dev.sluice.executor.stream;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hash-map keys for group and primary keys.
 *
 * <p>A single-column key is the (normalized) value itself, so the common lookup allocates nothing;
 * SQL NULL becomes {@link #NULL}, since a null map key reads as "absent" elsewhere. A multi-column
 * key is a {@link CompositeKey} with a precomputed hash.
 *
 * <p>Normalizing makes Java equality agree with SQL equality where they differ: {@code 1.0} and
 * {@code 1.00} are one DECIMAL group (BigDecimal.equals is scale-sensitive), {@code -0.0} and
 * {@code 0.0} one DOUBLE group, STRUCT values (Object[], identity equality) become lists, and map
 * entries are put in a canonical order so that equal maps encode to equal state keys.
 */
final class Keys {
    /** The key of a single-column SQL NULL. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "NULL";
        }
    };

    private Keys() {}

    /** The key of {@code row}'s {@code columns}. */
    static Object keyOf(Object[] row, int[] columns) {
        if (columns.length == 1) {
            Object v = row[columns[0]];
            return v == null ? NULL : normalize(v);
        }
        Object[] values = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
            values[i] = normalize(row[columns[i]]);
        }
        return new CompositeKey(values);
    }

    /** The key's normalized column values, for encoding it as a state key. */
    static Object[] valuesOf(Object key, int width) {
        if (width == 1) {
            return new Object[] {key == NULL ? null : key};
        }
        return ((CompositeKey) key).values;
    }

    /** A value equal (in SQL terms) to {@code v} whose Java equals/hashCode say so too. */
    static Object normalize(Object v) {
        if (v == null || v instanceof String || v instanceof Long || v instanceof Integer) {
            return v;
        }
        if (v instanceof BigDecimal d) {
            return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
        }
        if (v instanceof Double d) {
            return d == 0.0d ? (Double) 0.0d : d;
        }
        if (v instanceof Float f) {
            return f == 0.0f ? (Float) 0.0f : f;
        }
        if (v instanceof Object[] struct) {
            List<Object> list = new ArrayList<>(struct.length);
            for (Object e : struct) {
                list.add(normalize(e));
            }
            return list;
        }
        if (v instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object e : list) {
                copy.add(normalize(e));
            }
            return copy;
        }
        if (v instanceof Map<?, ?> map) {
            List<Object[]> entries = new ArrayList<>(map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Object k = normalize(e.getKey());
                entries.add(new Object[] {k, normalize(e.getValue()), ValueCodec.encode(k)});
            }
            entries.sort(Comparator.comparing(e -> (byte[]) e[2], Arrays::compareUnsigned));
            Map<Object, Object> sorted = new LinkedHashMap<>();
            for (Object[] e : entries) {
                sorted.put(e[0], e[1]);
            }
            return sorted;
        }
        return v;
    }

    /**
     * A reusable lookup key for several columns: {@link #set} fills it from a row, a {@link
     * java.util.HashMap#get} with it finds the equal {@link CompositeKey} without allocating, and
     * {@link #toKey()} copies it into a new CompositeKey only when a group is created.
     */
    static final class Probe {
        private final int[] columns;
        private final Object[] values;
        private int hash;

        Probe(int[] columns) {
            this.columns = columns;
            this.values = new Object[columns.length];
        }

        Probe set(Object[] row) {
            int h = 1;
            for (int i = 0; i < columns.length; i++) {
                Object v = normalize(row[columns[i]]);
                values[i] = v;
                h = 31 * h + (v == null ? 0 : v.hashCode());
            }
            hash = h;
            return this;
        }

        CompositeKey toKey() {
            return new CompositeKey(values.clone(), hash);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof CompositeKey k && k.hash == hash && Arrays.equals(k.values, values);
        }
    }

    /** A key of several columns: normalized values and their precomputed hash. */
    static final class CompositeKey {
        final Object[] values;
        private final int hash;

        CompositeKey(Object[] values) {
            this(values, Arrays.hashCode(values));
        }

        private CompositeKey(Object[] values, int hash) {
            this.values = values;
            this.hash = hash;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return this == o || (o instanceof CompositeKey k && k.hash == hash && Arrays.equals(k.values, values));
        }

        @Override
        public String toString() {
            return Arrays.toString(values);
        }
    }
}
