package dev.sluice.bench.nexmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.common.RowKind;
import dev.sluice.common.SluiceException;
import dev.sluice.executor.nexmark.NexmarkConfig;
import dev.sluice.executor.nexmark.NexmarkGenerator;
import dev.sluice.executor.nexmark.NexmarkTable;
import dev.sluice.planner.stream.StreamPlan;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each benchmark query over a few thousand events, its output checked against what the generator's
 * bids say directly (so a fast but wrong pipeline cannot pass the benchmark).
 */
class NexmarkQueriesTest {
    /** Not a multiple of the 1,000-event chunk, so the last partial chunk is covered too. */
    private static final long EVENTS = 23_456;

    private final NexmarkQueries catalog = new NexmarkQueries();
    private final NexmarkConfig config = NexmarkConfig.defaults().withSeed(7);

    /** The bids of [0, EVENTS), straight from the generator. */
    private List<Object[]> bids() {
        List<Object[]> bids = new ArrayList<>();
        NexmarkGenerator g = new NexmarkGenerator(config.withEvents(EVENTS), NexmarkTable.BID, 0);
        while (g.poll(1000, (kind, row) -> bids.add(row)) > 0) {}
        return bids;
    }

    private record Output(List<RowKind> kinds, List<Object[]> rows, NexmarkQueryRun.Result result) {}

    private Output run(String query, long flushEvents, NexmarkQueryRun.Source source) {
        StreamPlan plan = catalog.plan(NexmarkQueries.QUERIES.get(query));
        List<RowKind> kinds = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        NexmarkQueryRun.Result result =
                NexmarkQueryRun.run(catalog, plan, config, EVENTS, flushEvents, source, (k, r) -> {
                    kinds.add(k);
                    rows.add(r);
                });
        return new Output(kinds, rows, result);
    }

    @Test
    void generatesTheWholeMixAndCountsEveryEvent() {
        Output out = run("q0", 5_000, NexmarkQueryRun.Source.ALL_TABLES);
        long[] g = out.result().generated();
        assertEquals(EVENTS, out.result().events());
        assertEquals(EVENTS, g[0] + g[1] + g[2]);
        assertEquals(bids().size(), out.result().bids());
        assertEquals(out.result().bids(), out.result().fed(), "q0 reads bids only");
        Output readOnly = run("q0", 5_000, NexmarkQueryRun.Source.READ_TABLES);
        assertEquals(0, readOnly.result().generated()[NexmarkTable.PERSON.ordinal()]);
        assertEquals(out.rows().size(), readOnly.rows().size());
    }

    @Test
    void q0PassesEveryBidThrough() {
        List<Object[]> bids = bids();
        Output out = run("q0", 5_000, NexmarkQueryRun.Source.ALL_TABLES);
        assertEquals(bids.size(), out.rows().size());
        for (int i = 0; i < bids.size(); i++) {
            Object[] b = bids.get(i);
            Object[] r = out.rows().get(i);
            assertEquals(RowKind.INSERT, out.kinds().get(i));
            assertEquals(List.of(b[0], b[1], b[2], b[5], b[6]), List.of(r));
        }
    }

    @Test
    void q1ConvertsPricesToEuros() {
        List<Object[]> bids = bids();
        Output out = run("q1", 5_000, NexmarkQueryRun.Source.ALL_TABLES);
        assertEquals(bids.size(), out.rows().size());
        for (int i = 0; i < bids.size(); i++) {
            BigDecimal expected = new BigDecimal("0.908").multiply(BigDecimal.valueOf((Long) bids.get(i)[2]));
            Object[] r = out.rows().get(i);
            assertEquals(0, expected.compareTo((BigDecimal) r[2]), "price of bid " + i);
            assertEquals(bids.get(i)[0], r[0]);
            assertEquals(bids.get(i)[5], r[3]);
        }
    }

    @Test
    void q2KeepsExactlyTheBidsOnEvery123rdAuction() {
        List<Object[]> expected = new ArrayList<>();
        for (Object[] b : bids()) {
            if ((Long) b[0] % 123 == 0) {
                expected.add(new Object[] {b[0], b[2]});
            }
        }
        assertTrue(expected.size() > 0, "the sample must contain qualifying bids");
        Output out = run("q2", 5_000, NexmarkQueryRun.Source.ALL_TABLES);
        assertEquals(expected.size(), out.rows().size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(List.of(expected.get(i)), List.of(out.rows().get(i)));
            assertEquals(0, (Long) out.rows().get(i)[0] % 123);
        }
    }

    @Test
    void countPerAuctionAddsUpToTheBids() {
        Map<Long, Long> expected = new HashMap<>();
        for (Object[] b : bids()) {
            expected.merge((Long) b[0], 1L, Long::sum);
        }
        // Several flushes: groups are updated (-U/+U) across mini-batches; the final view must match.
        Output out = run("count", 2_000, NexmarkQueryRun.Source.ALL_TABLES);
        Map<Long, Long> view = new HashMap<>();
        int updates = 0;
        for (int i = 0; i < out.rows().size(); i++) {
            Object[] r = out.rows().get(i);
            switch (out.kinds().get(i)) {
                case INSERT, UPDATE_AFTER -> view.put((Long) r[0], (Long) r[1]);
                case UPDATE_BEFORE -> {
                    assertEquals(view.remove((Long) r[0]), r[1], "-U carries the row last emitted");
                    updates++;
                }
                case DELETE -> view.remove((Long) r[0]);
            }
        }
        assertEquals(expected, view);
        assertTrue(updates > 0, "hot auctions get bids in more than one mini-batch");
        assertEquals(
                bids().size(), view.values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void joinsAreRefusedUntilTheStreamPlannerHasThem() {
        for (String sql : NexmarkQueries.UNSUPPORTED.values()) {
            SluiceException e =
                    org.junit.jupiter.api.Assertions.assertThrows(SluiceException.class, () -> catalog.plan(sql));
            assertEquals("0A000", e.sqlState());
        }
    }
}
