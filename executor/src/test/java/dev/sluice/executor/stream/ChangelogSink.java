package dev.sluice.executor.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sluice.common.RowKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The end of an operator chain in tests: records every change, checks that the output is a valid
 * retract changelog (-U directly followed by +U; only rows present are retracted) and materializes
 * it into a multiset of rows.
 */
final class ChangelogSink implements ChangeCollector {
    private final List<String> log = new ArrayList<>();
    private final Map<List<Object>, Integer> rows = new HashMap<>();
    private int drained;
    private boolean expectAfter;
    private boolean strict = true;

    /** Stops checking the changelog (for stateless operators fed retractions of rows never inserted). */
    ChangelogSink lenient() {
        strict = false;
        return this;
    }

    @Override
    public void collect(RowKind kind, Object[] row) {
        log.add(format(kind, row));
        if (!strict) {
            return;
        }
        if (expectAfter != (kind == RowKind.UPDATE_AFTER)) {
            fail(expectAfter ? "-U not followed by +U: " + format(kind, row) : "+U without -U: " + format(kind, row));
        }
        expectAfter = kind == RowKind.UPDATE_BEFORE;
        List<Object> key = canonical(row);
        if (kind.isAccumulate()) {
            rows.merge(key, 1, Integer::sum);
        } else {
            Integer n = rows.get(key);
            if (n == null) {
                fail("Retraction of a row not in the output: " + format(kind, row) + "; output has " + table());
            }
            if (n == 1) {
                rows.remove(key);
            } else {
                rows.put(key, n - 1);
            }
        }
    }

    static String format(RowKind kind, Object[] row) {
        return kind.shortString() + Arrays.deepToString(row);
    }

    /** Object[] (rows, STRUCT values) as lists, recursively, so that equal rows are equal keys. */
    static List<Object> canonical(Object[] row) {
        List<Object> list = new ArrayList<>(row.length);
        for (Object v : row) {
            list.add(v instanceof Object[] a ? canonical(a) : v);
        }
        return list;
    }

    /** Every change since the last call. */
    List<String> drain() {
        List<String> out = new ArrayList<>(log.subList(drained, log.size()));
        drained = log.size();
        return out;
    }

    /** Every change ever received. */
    List<String> log() {
        return List.copyOf(log);
    }

    /** The materialized output: row → multiplicity. */
    Map<List<Object>, Integer> rows() {
        assertEquals(false, expectAfter, "output ends inside an update pair");
        return rows;
    }

    /** The materialized output, one string per row occurrence, sorted. */
    List<String> table() {
        TreeMap<String, Integer> sorted = new TreeMap<>();
        rows.forEach((r, n) -> sorted.merge(r.toString(), n, Integer::sum));
        List<String> out = new ArrayList<>();
        sorted.forEach((r, n) -> {
            for (int i = 0; i < n; i++) {
                out.add(r);
            }
        });
        return out;
    }
}
