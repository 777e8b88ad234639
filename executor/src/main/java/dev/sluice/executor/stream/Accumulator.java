package dev.sluice.executor.stream;

import dev.sluice.common.types.SqlType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The running state of one aggregate call for one group. {@link GroupAggregateOperator} applies the
 * call's FILTER before calling {@link #add}/{@link #retract}; everything else (NULL handling,
 * DISTINCT, what to keep for retraction) lives here.
 *
 * <p>{@link #state()} returns a value {@link ValueCodec} can encode; {@link #restore} takes it back.
 */
abstract class Accumulator {
    abstract void add(Object[] row);

    abstract void retract(Object[] row);

    /** The current result, of the internal class of the call's result type. */
    abstract Object result();

    abstract Object state();

    abstract void restore(Object state);

    /**
     * A factory of fresh accumulators for {@code call}; with {@code insertOnly}, MIN, MAX and
     * STRING_AGG keep only what insertions need (the extreme, the string so far).
     */
    static Supplier<Accumulator> factory(AggregateCall call, boolean insertOnly) {
        int[] args = call.args();
        SqlType type = call.resultType();
        Supplier<Accumulator> plain =
                switch (call.function()) {
                    case COUNT -> () -> new Count(args, type);
                    case SUM, SUM0, AVG -> sumFactory(call.function(), args[0], type);
                    case MIN, MAX -> {
                        boolean max = call.function() == AggFunction.MAX;
                        yield insertOnly
                                ? () -> new Extreme(args[0], max, type)
                                : () -> new ExtremeWithRetract(args[0], max, type);
                    }
                    case BOOL_AND -> () -> new Bool(args[0], true);
                    case BOOL_OR -> () -> new Bool(args[0], false);
                    case STRING_AGG ->
                        insertOnly
                                ? () -> new StringAgg(args[0], args[1])
                                : () -> new StringAggWithRetract(args[0], args[1]);
                };
        if (!call.distinct()) {
            return plain;
        }
        // STRING_AGG's delimiter does not make a value distinct, but it does go along with the value.
        int[] distinctArgs = call.function() == AggFunction.STRING_AGG ? new int[] {args[0]} : args;
        return () -> new Distinct(distinctArgs, plain.get());
    }

    private static Supplier<Accumulator> sumFactory(AggFunction f, int arg, SqlType type) {
        boolean avg = f == AggFunction.AVG;
        boolean zeroWhenEmpty = f == AggFunction.SUM0;
        return switch (type.kind()) {
            case SMALLINT, INT, BIGINT -> () -> new LongSum(arg, type, avg, zeroWhenEmpty);
            case REAL, DOUBLE -> () -> new DoubleSum(arg, type, avg, zeroWhenEmpty);
            case DECIMAL -> () -> new DecimalSum(arg, type, avg, zeroWhenEmpty);
            default -> throw new IllegalArgumentException(f + " cannot return " + type);
        };
    }

    static Object[] pair(Object a, Object b) {
        return new Object[] {a, b};
    }

    static long longAt(Object state, int i) {
        return (Long) ((Object[]) state)[i];
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compare(Object a, Object b) {
        return ((Comparable) a).compareTo(b);
    }

    static IllegalStateException notAdded(String what, Object v) {
        return new IllegalStateException(what + ": retraction of a value that was never added: " + v);
    }

    /** {@code COUNT(*)} with a FILTER or DISTINCT, and {@code COUNT(a, ...)}: rows whose args are all non-null. */
    static final class Count extends Accumulator {
        private final int[] args;
        private final SqlType type;
        private long n;

        Count(int[] args, SqlType type) {
            this.args = args;
            this.type = type;
        }

        private boolean counts(Object[] row) {
            for (int a : args) {
                if (row[a] == null) {
                    return false;
                }
            }
            return true;
        }

        @Override
        void add(Object[] row) {
            if (counts(row)) {
                n++;
            }
        }

        @Override
        void retract(Object[] row) {
            if (counts(row)) {
                n--;
            }
        }

        @Override
        Object result() {
            return Values.coerce(n, type);
        }

        @Override
        Object state() {
            return n;
        }

        @Override
        void restore(Object state) {
            n = (Long) state;
        }
    }

    /**
     * SUM, $SUM0 and AVG into an integral result type. Adds wrap around like Java's long, so adds and
     * retractions cancel exactly even past an overflow.
     */
    static final class LongSum extends Accumulator {
        private final int arg;
        private final SqlType type;
        private final boolean avg;
        private final boolean zeroWhenEmpty;
        private long sum;
        private long n;

        LongSum(int arg, SqlType type, boolean avg, boolean zeroWhenEmpty) {
            this.arg = arg;
            this.type = type;
            this.avg = avg;
            this.zeroWhenEmpty = zeroWhenEmpty;
        }

        @Override
        void add(Object[] row) {
            Object v = row[arg];
            if (v != null) {
                sum += ((Number) v).longValue();
                n++;
            }
        }

        @Override
        void retract(Object[] row) {
            Object v = row[arg];
            if (v != null) {
                sum -= ((Number) v).longValue();
                n--;
            }
        }

        @Override
        Object result() {
            if (n == 0) {
                return zeroWhenEmpty ? Values.zero(type) : null;
            }
            return Values.coerce(avg ? sum / n : sum, type);
        }

        @Override
        Object state() {
            return pair(sum, n);
        }

        @Override
        void restore(Object state) {
            sum = longAt(state, 0);
            n = longAt(state, 1);
        }
    }

    /** SUM, $SUM0 and AVG into REAL or DOUBLE. The sum restarts at exactly 0 whenever the group has no values. */
    static final class DoubleSum extends Accumulator {
        private final int arg;
        private final SqlType type;
        private final boolean avg;
        private final boolean zeroWhenEmpty;
        private double sum;
        private long n;

        DoubleSum(int arg, SqlType type, boolean avg, boolean zeroWhenEmpty) {
            this.arg = arg;
            this.type = type;
            this.avg = avg;
            this.zeroWhenEmpty = zeroWhenEmpty;
        }

        @Override
        void add(Object[] row) {
            Object v = row[arg];
            if (v != null) {
                sum += ((Number) v).doubleValue();
                n++;
            }
        }

        @Override
        void retract(Object[] row) {
            Object v = row[arg];
            if (v != null) {
                sum -= ((Number) v).doubleValue();
                if (--n == 0) {
                    sum = 0;
                }
            }
        }

        @Override
        Object result() {
            if (n == 0) {
                return zeroWhenEmpty ? Values.zero(type) : null;
            }
            return Values.coerce(avg ? sum / n : sum, type);
        }

        @Override
        Object state() {
            return pair(sum, n);
        }

        @Override
        void restore(Object state) {
            sum = (Double) ((Object[]) state)[0];
            n = longAt(state, 1);
        }
    }

    /** SUM, $SUM0 and AVG into DECIMAL: exact; AVG divides to the result type's scale, HALF_UP. */
    static final class DecimalSum extends Accumulator {
        private final int arg;
        private final SqlType type;
        private final boolean avg;
        private final boolean zeroWhenEmpty;
        private BigDecimal sum = BigDecimal.ZERO;
        private long n;

        DecimalSum(int arg, SqlType type, boolean avg, boolean zeroWhenEmpty) {
            this.arg = arg;
            this.type = type;
            this.avg = avg;
            this.zeroWhenEmpty = zeroWhenEmpty;
        }

        @Override
        void add(Object[] row) {
            Object v = row[arg];
            if (v != null) {
                sum = sum.add(Values.toBigDecimal((Number) v));
                n++;
            }
        }

        @Override
        void retract(Object[] row) {
            Object v = row[arg];
            if (v != null) {
                sum = sum.subtract(Values.toBigDecimal((Number) v));
                if (--n == 0) {
                    sum = BigDecimal.ZERO;
                }
            }
        }

        @Override
        Object result() {
            if (n == 0) {
                return zeroWhenEmpty ? Values.zero(type) : null;
            }
            if (!avg) {
                return Values.withScale(sum, type);
            }
            BigDecimal count = BigDecimal.valueOf(n);
            return type.scale() == SqlType.UNSPECIFIED
                    ? sum.divide(count, MathContext.DECIMAL128)
                    : sum.divide(count, type.scale(), RoundingMode.HALF_UP);
        }

        @Override
        Object state() {
            return pair(sum, n);
        }

        @Override
        void restore(Object state) {
            sum = (BigDecimal) ((Object[]) state)[0];
            n = longAt(state, 1);
        }
    }

    /** MIN or MAX over an insert-only input: only the extreme so far. */
    static final class Extreme extends Accumulator {
        private final int arg;
        private final boolean max;
        private final SqlType type;
        private Object best;

        Extreme(int arg, boolean max, SqlType type) {
            this.arg = arg;
            this.max = max;
            this.type = type;
        }

        @Override
        void add(Object[] row) {
            Object v = row[arg];
            if (v != null && (best == null || (max ? compare(v, best) > 0 : compare(v, best) < 0))) {
                best = v;
            }
        }

        @Override
        void retract(Object[] row) {
            throw new IllegalStateException((max ? "MAX" : "MIN") + " was planned for an insert-only input");
        }

        @Override
        Object result() {
            return Values.coerce(best, type);
        }

        @Override
        Object state() {
            return best;
        }

        @Override
        void restore(Object state) {
            best = state;
        }
    }

    /** MIN or MAX under retraction: a sorted multiset of the values (value → count). */
    static final class ExtremeWithRetract extends Accumulator {
        private final int arg;
        private final boolean max;
        private final SqlType type;
        private final TreeMap<Object, long[]> values = new TreeMap<>(Accumulator::compare);

        ExtremeWithRetract(int arg, boolean max, SqlType type) {
            this.arg = arg;
            this.max = max;
            this.type = type;
        }

        @Override
        void add(Object[] row) {
            Object v = row[arg];
            if (v != null) {
                long[] count = values.get(v);
                if (count == null) {
                    values.put(v, new long[] {1});
                } else {
                    count[0]++;
                }
            }
        }

        @Override
        void retract(Object[] row) {
            Object v = row[arg];
            if (v != null) {
                long[] count = values.get(v);
                if (count == null) {
                    throw notAdded(max ? "MAX" : "MIN", v);
                }
                if (--count[0] == 0) {
                    values.remove(v);
                }
            }
        }

        @Override
        Object result() {
            if (values.isEmpty()) {
                return null;
            }
            return Values.coerce(max ? values.lastKey() : values.firstKey(), type);
        }

        @Override
        Object state() {
            List<Object> flat = new ArrayList<>(values.size() * 2);
            for (Map.Entry<Object, long[]> e : values.entrySet()) {
                flat.add(e.getKey());
                flat.add(e.getValue()[0]);
            }
            return flat;
        }

        @Override
        void restore(Object state) {
            List<?> flat = (List<?>) state;
            for (int i = 0; i < flat.size(); i += 2) {
                values.put(flat.get(i), new long[] {(Long) flat.get(i + 1)});
            }
        }
    }

    /** BOOL_AND / BOOL_OR: counts of TRUE and FALSE values. */
    static final class Bool extends Accumulator {
        private final int arg;
        private final boolean and;
        private long trues;
        private long falses;

        Bool(int arg, boolean and) {
            this.arg = arg;
            this.and = and;
        }

        @Override
        void add(Object[] row) {
            Object v = row[arg];
            if (v != null) {
                if ((Boolean) v) {
                    trues++;
                } else {
                    falses++;
                }
            }
        }

        @Override
        void retract(Object[] row) {
            Object v = row[arg];
            if (v != null) {
                if ((Boolean) v) {
                    trues--;
                } else {
                    falses--;
                }
            }
        }

        @Override
        Object result() {
            if (trues + falses == 0) {
                return null;
            }
            return and ? falses == 0 : trues > 0;
        }

        @Override
        Object state() {
            return pair(trues, falses);
        }

        @Override
        void restore(Object state) {
            trues = longAt(state, 0);
            falses = longAt(state, 1);
        }
    }

    /** STRING_AGG over an insert-only input: the string so far. A NULL delimiter counts as empty. */
    static final class StringAgg extends Accumulator {
        private final int valueArg;
        private final int delimiterArg;
        private StringBuilder sb;

        StringAgg(int valueArg, int delimiterArg) {
            this.valueArg = valueArg;
            this.delimiterArg = delimiterArg;
        }

        @Override
        void add(Object[] row) {
            Object v = row[valueArg];
            if (v == null) {
                return;
            }
            if (sb == null) {
                sb = new StringBuilder((String) v);
            } else {
                Object d = row[delimiterArg];
                if (d != null) {
                    sb.append((String) d);
                }
                sb.append((String) v);
            }
        }

        @Override
        void retract(Object[] row) {
            throw new IllegalStateException("STRING_AGG was planned for an insert-only input");
        }

        @Override
        Object result() {
            return sb == null ? null : sb.toString();
        }

        @Override
        Object state() {
            return result();
        }

        @Override
        void restore(Object state) {
            sb = state == null ? null : new StringBuilder((String) state);
        }
    }

    /**
     * STRING_AGG under retraction: the (value, delimiter) pairs in arrival order; a retraction removes
     * the earliest occurrence of its pair. Retraction costs a scan of the group's values, as does
     * every result.
     */
    static final class StringAggWithRetract extends Accumulator {
        private final int valueArg;
        private final int delimiterArg;
        /** Alternating value, delimiter. */
        private final ArrayList<String> parts = new ArrayList<>();

        StringAggWithRetract(int valueArg, int delimiterArg) {
            this.valueArg = valueArg;
            this.delimiterArg = delimiterArg;
        }

        @Override
        void add(Object[] row) {
            Object v = row[valueArg];
            if (v != null) {
                Object d = row[delimiterArg];
                parts.add((String) v);
                parts.add(d == null ? "" : (String) d);
            }
        }

        @Override
        void retract(Object[] row) {
            Object v = row[valueArg];
            if (v == null) {
                return;
            }
            Object d = row[delimiterArg];
            String delimiter = d == null ? "" : (String) d;
            // The same value with the same delimiter, else with any (STRING_AGG(DISTINCT v, d) retracts
            // the value with the delimiter of the row that removes it last).
            int sameValue = -1;
            for (int i = 0; i < parts.size(); i += 2) {
                if (parts.get(i).equals(v)) {
                    if (parts.get(i + 1).equals(delimiter)) {
                        parts.subList(i, i + 2).clear();
                        return;
                    }
                    if (sameValue < 0) {
                        sameValue = i;
                    }
                }
            }
            if (sameValue < 0) {
                throw notAdded("STRING_AGG", v);
            }
            parts.subList(sameValue, sameValue + 2).clear();
        }

        @Override
        Object result() {
            if (parts.isEmpty()) {
                return null;
            }
            StringBuilder sb = new StringBuilder(parts.get(0));
            for (int i = 2; i < parts.size(); i += 2) {
                sb.append(parts.get(i + 1)).append(parts.get(i));
            }
            return sb.toString();
        }

        @Override
        Object state() {
            return new ArrayList<Object>(parts);
        }

        @Override
        void restore(Object state) {
            for (Object o : (List<?>) state) {
                parts.add((String) o);
            }
        }
    }

    /**
     * {@code f(DISTINCT ...)}: counts each distinct argument tuple (rows with a NULL argument are
     * ignored) and passes a row to the inner accumulator only when its tuple's count goes 0 → 1 (add)
     * or 1 → 0 (retract).
     */
    static final class Distinct extends Accumulator {
        private final int[] args;
        private final Accumulator inner;
        private final HashMap<Object, long[]> counts = new HashMap<>();

        Distinct(int[] args, Accumulator inner) {
            this.args = args;
            this.inner = inner;
        }

        /** The normalized argument tuple, or null if an argument is NULL. */
        private Object key(Object[] row) {
            if (args.length == 1) {
                Object v = row[args[0]];
                return v == null ? null : Keys.normalize(v);
            }
            List<Object> key = new ArrayList<>(args.length);
            for (int a : args) {
                Object v = row[a];
                if (v == null) {
                    return null;
                }
                key.add(Keys.normalize(v));
            }
            return key;
        }

        @Override
        void add(Object[] row) {
            Object key = key(row);
            if (key == null) {
                return;
            }
            long[] count = counts.get(key);
            if (count == null) {
                counts.put(key, new long[] {1});
                inner.add(row);
            } else {
                count[0]++;
            }
        }

        @Override
        void retract(Object[] row) {
            Object key = key(row);
            if (key == null) {
                return;
            }
            long[] count = counts.get(key);
            if (count == null) {
                throw notAdded("DISTINCT", key);
            }
            if (--count[0] == 0) {
                counts.remove(key);
                inner.retract(row);
            }
        }

        @Override
        Object result() {
            return inner.result();
        }

        @Override
        Object state() {
            List<Object> flat = new ArrayList<>(counts.size() * 2);
            for (Map.Entry<Object, long[]> e : counts.entrySet()) {
                flat.add(e.getKey());
                flat.add(e.getValue()[0]);
            }
            return pair(flat, inner.state());
        }

        @Override
        void restore(Object state) {
            Object[] s = (Object[]) state;
            List<?> flat = (List<?>) s[0];
            for (int i = 0; i < flat.size(); i += 2) {
                counts.put(flat.get(i), new long[] {(Long) flat.get(i + 1)});
            }
            inner.restore(s[1]);
        }
    }
}
