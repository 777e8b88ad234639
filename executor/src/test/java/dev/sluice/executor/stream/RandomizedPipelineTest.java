package dev.sluice.executor.stream;

import static dev.sluice.executor.stream.AggFunction.AVG;
import static dev.sluice.executor.stream.AggFunction.BOOL_AND;
import static dev.sluice.executor.stream.AggFunction.BOOL_OR;
import static dev.sluice.executor.stream.AggFunction.COUNT;
import static dev.sluice.executor.stream.AggFunction.MAX;
import static dev.sluice.executor.stream.AggFunction.MIN;
import static dev.sluice.executor.stream.AggFunction.STRING_AGG;
import static dev.sluice.executor.stream.AggFunction.SUM;
import static dev.sluice.executor.stream.AggFunction.SUM0;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.common.RowKind;
import dev.sluice.common.types.SqlType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Random upserts and deletes on a table through ChangelogNormalize → Calc → GroupAggregate (every
 * function, DISTINCT, FILTER, a global aggregate, a DISTINCT and a two-column key), compared after
 * every flush with the same query recomputed from scratch over the table's current rows; and
 * snapshot/restore at random points compared with an uninterrupted run.
 *
 * <p>A failure prints its seed; rerun with {@code -Dtest.seed=N}.
 */
class RandomizedPipelineTest {
    static final long SEED = Long.getLong("test.seed", System.nanoTime());

    // Table columns: 0 id INT (primary key), 1 k INT, 2 v INT, 3 d DECIMAL(10,2), 4 s VARCHAR,
    // 5 b BOOLEAN, 6 x DOUBLE.
    // Calc: WHERE v IS NULL OR v % 5 <> 0
    //       SELECT k, v, d, s, b, x, v > 8 AS f, ',' AS delim, v / 3 AS v3
    static boolean where(Object[] r) {
        return r[2] == null || (Integer) r[2] % 5 != 0;
    }

    static Object[] select(Object[] r) {
        Integer v = (Integer) r[2];
        return new Object[] {r[1], v, r[3], r[4], r[5], r[6], v == null ? null : v > 8, ",", v == null ? null : v / 3};
    }

    static final int K = 0, V = 1, D = 2, S = 3, B = 4, X = 5, F = 6, DELIM = 7, V3 = 8;
    static final SqlType DEC2 = SqlType.decimal(12, 2);

    static AggregateCall call(AggFunction f, SqlType type, boolean distinct, int filter, int... args) {
        return new AggregateCall(f, args, distinct, filter, type);
    }

    static final List<AggregateCall> CALLS = List.of(
            call(COUNT, SqlType.BIGINT, false, -1),
            call(COUNT, SqlType.BIGINT, false, -1, V),
            call(COUNT, SqlType.BIGINT, true, -1, V3),
            call(SUM, SqlType.BIGINT, false, -1, V),
            call(SUM, SqlType.INT, false, -1, V),
            call(SUM, SqlType.BIGINT, true, -1, V3),
            call(SUM0, SqlType.BIGINT, false, -1, V),
            call(AVG, SqlType.INT, false, -1, V),
            call(AVG, SqlType.decimal(12, 3), false, -1, D),
            call(SUM, DEC2, false, -1, D),
            call(AVG, SqlType.DOUBLE, false, -1, X),
            call(SUM, SqlType.DOUBLE, false, -1, X),
            call(MIN, SqlType.INT, false, -1, V),
            call(MAX, SqlType.INT, false, -1, V),
            call(MIN, SqlType.VARCHAR, false, -1, S),
            call(MAX, SqlType.VARCHAR, true, -1, S),
            call(MIN, DEC2, false, -1, D),
            call(BOOL_AND, SqlType.BOOLEAN, false, -1, B),
            call(BOOL_OR, SqlType.BOOLEAN, false, -1, B),
            call(STRING_AGG, SqlType.TEXT, false, -1, S, DELIM),
            call(STRING_AGG, SqlType.TEXT, true, -1, S, DELIM),
            call(COUNT, SqlType.BIGINT, false, F),
            call(SUM, SqlType.BIGINT, false, F, V),
            call(MAX, SqlType.VARCHAR, false, F, S),
            call(COUNT, SqlType.BIGINT, true, F, S),
            call(SUM0, SqlType.INT, true, F, V));

    static final List<AggregateCall> SMALL_CALLS =
            List.of(call(COUNT, SqlType.BIGINT, false, -1), call(SUM, SqlType.BIGINT, false, -1, V));

    /** The aggregates under test: group key and calls. */
    record Agg(int[] key, List<AggregateCall> calls) {}

    static final List<Agg> AGGS = List.of(
            new Agg(new int[] {K}, CALLS),
            new Agg(new int[0], CALLS),
            new Agg(new int[] {K, S}, List.of()),
            new Agg(new int[] {B, K}, SMALL_CALLS));

    /** The operator chain; rebuilt (from the same sinks) after a restore. */
    static final class Pipeline implements ChangeCollector {
        final boolean insertOnly;
        final List<ChangelogSink> sinks = new ArrayList<>();
        final List<FakeStateStore> stores = new ArrayList<>();
        ChangelogNormalizeOperator normalize;
        CalcOperator calc;
        List<GroupAggregateOperator> aggs;

        Pipeline(boolean insertOnly) {
            this.insertOnly = insertOnly;
            for (int i = 0; i < AGGS.size() + 2; i++) {
                sinks.add(new ChangelogSink());
                stores.add(new FakeStateStore());
            }
            build();
        }

        private void build() {
            aggs = new ArrayList<>();
            for (int i = 0; i < AGGS.size(); i++) {
                aggs.add(new GroupAggregateOperator(
                        AGGS.get(i).key(), AGGS.get(i).calls(), insertOnly, sinks.get(i)));
            }
            calc = new CalcOperator(RandomizedPipelineTest::where, RandomizedPipelineTest::select, (kind, row) -> {
                for (GroupAggregateOperator a : aggs) {
                    a.collect(kind, row);
                }
            });
            normalize = new ChangelogNormalizeOperator(new int[] {0}, calc);
        }

        List<StreamOperator> operators() {
            List<StreamOperator> ops = new ArrayList<>(aggs);
            ops.add(calc);
            ops.add(normalize);
            return ops;
        }

        @Override
        public void collect(RowKind kind, Object[] row) {
            if (insertOnly) {
                calc.collect(kind, row);
            } else {
                normalize.collect(kind, row);
            }
        }

        void flush() {
            normalize.flush();
            calc.flush();
            for (GroupAggregateOperator a : aggs) {
                a.flush();
            }
        }

        void snapshotAndRestore(Random random) {
            flush();
            List<StreamOperator> ops = operators();
            for (int i = 0; i < ops.size(); i++) {
                stores.get(i).snapshot(ops.get(i));
            }
            build();
            ops = operators();
            for (int i = 0; i < ops.size(); i++) {
                stores.get(i).restore(ops.get(i), random);
            }
        }
    }

    /** Random changes to a table of at most {@code ids} rows, in batches. */
    static final class Workload {
        final Random random;
        final boolean insertOnly;
        final Map<Integer, Object[]> table = new LinkedHashMap<>();
        final List<Object[]> inserted = new ArrayList<>();
        int nextId;

        Workload(Random random, boolean insertOnly) {
            this.random = random;
            this.insertOnly = insertOnly;
        }

        Object[] randomRow(int id) {
            Random r = random;
            return new Object[] {
                id,
                r.nextInt(5) == 0 ? null : r.nextInt(4),
                r.nextInt(6) == 0 ? null : r.nextInt(26) - 5,
                r.nextInt(6) == 0
                        ? null
                        : new BigDecimal(
                                BigDecimal.valueOf(r.nextInt(2000) - 500, 2).toPlainString()
                                        + (r.nextBoolean() ? "0" : "")),
                r.nextInt(6) == 0 ? null : String.valueOf((char) ('a' + r.nextInt(5))),
                r.nextInt(5) == 0 ? null : r.nextBoolean(),
                r.nextInt(6) == 0 ? null : (double) (r.nextInt(100) - 30)
            };
        }

        /** Applies one random change to the table and feeds it to {@code p}. */
        void step(ChangeCollector p) {
            if (insertOnly) {
                Object[] row = randomRow(nextId++);
                inserted.add(row);
                p.collect(RowKind.INSERT, row);
                return;
            }
            int id = random.nextInt(30);
            if (random.nextInt(4) == 0) {
                table.remove(id);
                p.collect(RowKind.DELETE, new Object[] {id, null, null, null, null, null, null});
            } else {
                Object[] row = table.containsKey(id) && random.nextInt(4) == 0
                        ? table.get(id).clone() // an upsert that changes nothing
                        : randomRow(id);
                table.put(id, row);
                p.collect(random.nextBoolean() ? RowKind.INSERT : RowKind.UPDATE_AFTER, row);
            }
        }

        List<Object[]> currentRows() {
            return insertOnly ? inserted : new ArrayList<>(table.values());
        }
    }

    @Test
    void matchesRecomputationUnderRetractions() {
        run(false, true);
    }

    @Test
    void matchesRecomputationOnInsertOnlyInput() {
        run(true, true);
    }

    private void run(boolean insertOnly, boolean restores) {
        try {
            Random random = new Random(SEED);
            Pipeline p = new Pipeline(insertOnly);
            Workload w = new Workload(random, insertOnly);
            for (int batch = 0; batch < 400; batch++) {
                for (int n = random.nextInt(15) + 1; n > 0; n--) {
                    w.step(p);
                }
                if (restores && random.nextInt(10) == 0) {
                    p.snapshotAndRestore(random);
                } else {
                    p.flush();
                }
                check(p, w.currentRows(), "batch " + batch);
            }
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("seed " + SEED + " (rerun with -Dtest.seed=" + SEED + ")", e);
        }
    }

    @Test
    void snapshotAndRestoreAtRandomPointsGivesTheSameOutput() {
        try {
            for (boolean insertOnly : new boolean[] {false, true}) {
                Pipeline plain = new Pipeline(insertOnly);
                Pipeline restored = new Pipeline(insertOnly);
                Random choices = new Random(SEED + 1);
                Workload w1 = new Workload(new Random(SEED), insertOnly);
                Workload w2 = new Workload(new Random(SEED), insertOnly);
                for (int batch = 0; batch < 300; batch++) {
                    int n = choices.nextInt(15) + 1;
                    for (int i = 0; i < n; i++) {
                        w1.step(plain);
                        w2.step(restored);
                    }
                    plain.flush();
                    if (choices.nextInt(4) == 0) {
                        restored.snapshotAndRestore(choices);
                    } else {
                        restored.flush();
                    }
                }
                for (int i = 0; i < AGGS.size(); i++) {
                    assertEquals(plain.sinks.get(i).log(), restored.sinks.get(i).log(), "output of aggregate " + i);
                }
            }
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("seed " + SEED + " (rerun with -Dtest.seed=" + SEED + ")", e);
        }
    }

    // ---- the straightforward recomputation -------------------------------------------------------

    private static void check(Pipeline p, List<Object[]> tableRows, String where) {
        List<Object[]> input = new ArrayList<>();
        for (Object[] r : tableRows) {
            if (where(r)) {
                input.add(select(r));
            }
        }
        for (int i = 0; i < AGGS.size(); i++) {
            Agg agg = AGGS.get(i);
            Map<List<Object>, Integer> expected = canonical(recompute(agg, input), agg);
            Map<List<Object>, Integer> actual = canonical(p.sinks.get(i).rows(), agg);
            if (!expected.equals(actual)) {
                throw new AssertionError(where + ", aggregate " + i + ":\n expected "
                        + new TreeMap<>(toStrings(expected)) + "\n   actual " + new TreeMap<>(toStrings(actual)));
            }
        }
    }

    private static Map<String, Integer> toStrings(Map<List<Object>, Integer> rows) {
        Map<String, Integer> out = new HashMap<>();
        rows.forEach((r, n) -> out.put(r.toString(), n));
        return out;
    }

    /** STRING_AGG results compare as sorted lists of their parts: their order is unspecified. */
    private static Map<List<Object>, Integer> canonical(Map<List<Object>, Integer> rows, Agg agg) {
        Map<List<Object>, Integer> out = new HashMap<>();
        rows.forEach((row, n) -> {
            List<Object> r = new ArrayList<>(row);
            for (int c = 0; c < agg.calls().size(); c++) {
                Object v = r.get(agg.key().length + c);
                if (agg.calls().get(c).function() == STRING_AGG && v != null) {
                    String[] parts = ((String) v).split(",", -1);
                    Arrays.sort(parts);
                    r.set(agg.key().length + c, String.join(",", parts));
                }
            }
            out.merge(r, n, Integer::sum);
        });
        return out;
    }

    private static Map<List<Object>, Integer> recompute(Agg agg, List<Object[]> input) {
        Map<List<Object>, List<Object[]>> groups = new LinkedHashMap<>();
        if (agg.key().length == 0) {
            groups.put(List.of(), new ArrayList<>());
        }
        for (Object[] r : input) {
            List<Object> key = new ArrayList<>();
            for (int c : agg.key()) {
                key.add(r[c]);
            }
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        Map<List<Object>, Integer> out = new HashMap<>();
        groups.forEach((key, rows) -> {
            List<Object> result = new ArrayList<>(key);
            for (AggregateCall c : agg.calls()) {
                result.add(aggregate(c, rows));
            }
            out.merge(result, 1, Integer::sum);
        });
        return out;
    }

    private static Object aggregate(AggregateCall c, List<Object[]> groupRows) {
        List<Object[]> rows = new ArrayList<>();
        for (Object[] r : groupRows) {
            if (c.filterArg() < 0 || Boolean.TRUE.equals(r[c.filterArg()])) {
                rows.add(r);
            }
        }
        int[] args = c.args();
        if (c.function() == COUNT && args.length == 0) {
            return (long) rows.size();
        }
        // The first argument's non-null values (distinct ones for DISTINCT, compared as SQL values).
        List<Object> values = new ArrayList<>();
        LinkedHashSet<Object> seen = new LinkedHashSet<>();
        for (Object[] r : rows) {
            Object v = r[args[0]];
            if (v != null && (!c.distinct() || seen.add(v instanceof BigDecimal d ? d.stripTrailingZeros() : v))) {
                values.add(v);
            }
        }
        SqlType type = c.resultType();
        switch (c.function()) {
            case COUNT:
                return (long) values.size();
            case SUM:
            case SUM0:
            case AVG: {
                if (values.isEmpty()) {
                    return c.function() == SUM0 ? convert(BigDecimal.ZERO, type) : null;
                }
                BigDecimal sum = BigDecimal.ZERO;
                for (Object v : values) {
                    sum = sum.add(v instanceof BigDecimal d ? d : new BigDecimal(v.toString()));
                }
                if (c.function() != AVG) {
                    return convert(sum, type);
                }
                BigDecimal n = BigDecimal.valueOf(values.size());
                return switch (type.kind()) {
                    case DOUBLE -> sum.doubleValue() / values.size();
                    case DECIMAL -> sum.divide(n, type.scale(), RoundingMode.HALF_UP);
                    default -> convert(sum.divide(n, 0, RoundingMode.DOWN), type);
                };
            }
            case MIN:
            case MAX: {
                Object best = null;
                for (Object v : values) {
                    @SuppressWarnings({"unchecked", "rawtypes"})
                    int cmp = best == null ? 0 : ((Comparable) v).compareTo(best);
                    if (best == null || (c.function() == MIN ? cmp < 0 : cmp > 0)) {
                        best = v;
                    }
                }
                return best instanceof BigDecimal d ? d.setScale(type.scale(), RoundingMode.HALF_UP) : best;
            }
            case BOOL_AND:
                return values.isEmpty() ? null : !values.contains(Boolean.FALSE);
            case BOOL_OR:
                return values.isEmpty() ? null : values.contains(Boolean.TRUE);
            case STRING_AGG: {
                if (values.isEmpty()) {
                    return null;
                }
                List<String> parts = new ArrayList<>();
                values.forEach(v -> parts.add((String) v));
                return String.join(",", parts);
            }
            default:
                throw new AssertionError(c);
        }
    }

    private static Object convert(BigDecimal exact, SqlType type) {
        return switch (type.kind()) {
            case INT -> exact.intValue();
            case BIGINT -> exact.longValue();
            case DOUBLE -> exact.doubleValue();
            case DECIMAL -> exact.setScale(type.scale(), RoundingMode.HALF_UP);
            default -> throw new AssertionError(type);
        };
    }
}
