package dev.sluice.executor.nexmark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.common.RowKind;
import dev.sluice.common.types.TypeKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class NexmarkGeneratorTest {
    private static final long SEED = Long.getLong("test.seed", System.nanoTime());

    /** A row and the event it came from. */
    record Event(long index, Object[] row) {}

    /** All rows of a generator, one poll(1) at a time so each row's event index is known. */
    private static List<Event> drain(NexmarkGenerator g) {
        List<Event> events = new ArrayList<>();
        int step = g.config().partitions();
        while (true) {
            List<Object[]> rows = new ArrayList<>();
            int n = g.poll(1, (kind, row) -> {
                assertEquals(RowKind.INSERT, kind);
                rows.add(row);
            });
            assertEquals(n, rows.size());
            if (n == 0) {
                assertTrue(g.isExhausted(), "poll returned 0 before the generator was exhausted");
                return events;
            }
            events.add(new Event(g.nextEventIndex() - step, rows.get(0)));
        }
    }

    private static List<Object[]> pollAll(NexmarkGenerator g, int batch) {
        List<Object[]> rows = new ArrayList<>();
        while (g.poll(batch, (kind, row) -> rows.add(row)) > 0) {}
        assertTrue(g.isExhausted());
        return rows;
    }

    private static NexmarkConfig config(long events) {
        return NexmarkConfig.defaults().withEvents(events).withSeed(SEED);
    }

    @Test
    void sameSeedGivesSameRowsAndAnotherSeedOthers() {
        for (NexmarkTable table : NexmarkTable.values()) {
            List<Object[]> a = pollAll(new NexmarkGenerator(config(5_000), table, 0), 100);
            List<Object[]> b = pollAll(new NexmarkGenerator(config(5_000), table, 0), 7);
            assertEquals(a.size(), b.size());
            for (int i = 0; i < a.size(); i++) {
                assertArrayEquals(a.get(i), b.get(i), "seed " + SEED + " row " + i);
            }
            List<Object[]> c = pollAll(new NexmarkGenerator(config(5_000).withSeed(SEED + 1), table, 0), 100);
            long differing = 0;
            for (int i = 0; i < a.size(); i++) {
                if (!Arrays.equals(a.get(i), c.get(i))) {
                    differing++;
                }
            }
            assertTrue(differing > a.size() * 9 / 10, "seed " + SEED + ": another seed changes the rows");
        }
    }

    @Test
    void partitionsCoverExactlyTheEventsOfTheUnsplitGenerator() {
        NexmarkConfig whole = config(20_011);
        for (NexmarkTable table : NexmarkTable.values()) {
            TreeMap<Long, Object[]> expected = new TreeMap<>();
            for (Event e : drain(new NexmarkGenerator(whole, table, 0))) {
                assertEquals(table, NexmarkIds.tableOf(e.index()));
                expected.put(e.index(), e.row());
            }
            for (int partitions : new int[] {2, 3, 7, 50, 64}) {
                TreeMap<Long, Object[]> actual = new TreeMap<>();
                for (int p = 0; p < partitions; p++) {
                    long last = -1;
                    for (Event e : drain(new NexmarkGenerator(whole.withPartitions(partitions), table, p))) {
                        assertEquals(p, e.index() % partitions, "event in the wrong partition");
                        assertTrue(e.index() > last, "events out of order");
                        last = e.index();
                        assertTrue(actual.put(e.index(), e.row()) == null, "event " + e.index() + " twice");
                    }
                }
                assertEquals(expected.keySet(), actual.keySet(), table + " over " + partitions + " partitions");
                for (long i : expected.keySet()) {
                    assertArrayEquals(expected.get(i), actual.get(i), "seed " + SEED + " event " + i);
                }
            }
        }
    }

    @Test
    void seekToASavedIndexContinuesExactlyWhereTheGeneratorWas() {
        Random random = new Random(SEED);
        for (NexmarkTable table : NexmarkTable.values()) {
            for (int partitions : new int[] {1, 3}) {
                NexmarkConfig c = config(30_000).withPartitions(partitions);
                int p = partitions - 1;
                NexmarkGenerator original = new NexmarkGenerator(c, table, p);
                List<Object[]> rows = new ArrayList<>();
                List<long[]> savepoints = new ArrayList<>(); // (event index, rows emitted before it)
                while (true) {
                    savepoints.add(new long[] {original.nextEventIndex(), rows.size()});
                    if (original.poll(1 + random.nextInt(40), (kind, row) -> rows.add(row)) == 0) {
                        break;
                    }
                }
                for (int k = 0; k < 5; k++) {
                    long[] savepoint = savepoints.get(random.nextInt(savepoints.size()));
                    NexmarkGenerator resumed = new NexmarkGenerator(c, table, p);
                    resumed.poll(3, (kind, row) -> {}); // some history that the seek must discard
                    resumed.seek(savepoint[0]);
                    List<Object[]> rest = pollAll(resumed, 1 + random.nextInt(40));
                    assertEquals(rows.size() - savepoint[1], rest.size(), "seed " + SEED);
                    for (int i = 0; i < rest.size(); i++) {
                        assertArrayEquals(rows.get((int) savepoint[1] + i), rest.get(i), "seed " + SEED);
                    }
                }
            }
        }
    }

    @Test
    void seekToAnIndexOfAnotherPartitionStartsAtThisPartitionsNextEvent() {
        NexmarkGenerator g = new NexmarkGenerator(config(1_000).withPartitions(4), NexmarkTable.BID, 2);
        g.seek(103);
        assertEquals(106, g.nextEventIndex());
        g.seek(106);
        assertEquals(106, g.nextEventIndex());
        assertThrows(IllegalArgumentException.class, () -> g.seek(-1));
    }

    @Test
    void proportionsAreOnePersonThreeAuctionsFortySixBidsPerFifty() {
        NexmarkConfig c = config(100_000);
        assertEquals(
                2_000,
                pollAll(new NexmarkGenerator(c, NexmarkTable.PERSON, 0), 1000).size());
        assertEquals(
                6_000,
                pollAll(new NexmarkGenerator(c, NexmarkTable.AUCTION, 0), 1000).size());
        assertEquals(
                92_000,
                pollAll(new NexmarkGenerator(c, NexmarkTable.BID, 0), 1000).size());
        // Split over 3 partitions, the events still add up.
        int bids = 0;
        for (int p = 0; p < 3; p++) {
            bids += pollAll(new NexmarkGenerator(c.withPartitions(3), NexmarkTable.BID, p), 1000)
                    .size();
        }
        assertEquals(92_000, bids);
    }

    @Test
    void idsAreConsecutiveAndReferencesPointAtExistingOrJustCreatedRows() {
        NexmarkConfig c = config(200_000);
        List<Event> persons = drain(new NexmarkGenerator(c, NexmarkTable.PERSON, 0));
        for (int i = 0; i < persons.size(); i++) {
            assertEquals(NexmarkIds.FIRST_PERSON_ID + i, persons.get(i).row()[0]);
        }
        List<Event> auctions = drain(new NexmarkGenerator(c, NexmarkTable.AUCTION, 0));
        int existingSellers = 0;
        for (int i = 0; i < auctions.size(); i++) {
            Event a = auctions.get(i);
            assertEquals(NexmarkIds.FIRST_AUCTION_ID + i, a.row()[0]);
            long newestPerson = NexmarkIds.lastBase0PersonId(a.index()) + NexmarkIds.FIRST_PERSON_ID;
            long seller = (Long) a.row()[7];
            assertTrue(seller >= NexmarkIds.FIRST_PERSON_ID, "seller " + seller);
            assertTrue(seller >= newestPerson - Math.max(c.numActivePeople(), NexmarkIds.HOT_SELLER_RATIO));
            assertTrue(seller <= newestPerson + NexmarkIds.PERSON_ID_LEAD, "seller " + seller);
            existingSellers += seller <= newestPerson ? 1 : 0;
            long category = (Long) a.row()[8];
            assertTrue(category >= 10 && category < 15, "category " + category);
        }
        assertTrue(existingSellers > auctions.size() * 95 / 100, existingSellers + " of " + auctions.size());
        List<Event> bids = drain(new NexmarkGenerator(c, NexmarkTable.BID, 0));
        int existingAuctions = 0;
        int hotAuctions = 0;
        for (Event b : bids) {
            long newestAuction = NexmarkIds.lastBase0AuctionId(b.index()) + NexmarkIds.FIRST_AUCTION_ID;
            long auction = (Long) b.row()[0];
            assertTrue(auction >= NexmarkIds.FIRST_AUCTION_ID, "auction " + auction);
            assertTrue(auction >= newestAuction - Math.max(c.numInFlightAuctions(), NexmarkIds.HOT_AUCTION_RATIO));
            assertTrue(auction <= newestAuction + NexmarkIds.AUCTION_ID_LEAD, "auction " + auction);
            existingAuctions += auction <= newestAuction ? 1 : 0;
            hotAuctions += (auction - NexmarkIds.FIRST_AUCTION_ID) % NexmarkIds.HOT_AUCTION_RATIO == 0 ? 1 : 0;
            long newestPerson = NexmarkIds.lastBase0PersonId(b.index()) + NexmarkIds.FIRST_PERSON_ID;
            long bidder = (Long) b.row()[1];
            assertTrue(bidder >= NexmarkIds.FIRST_PERSON_ID && bidder <= newestPerson + NexmarkIds.PERSON_ID_LEAD);
        }
        assertTrue(existingAuctions > bids.size() * 95 / 100, existingAuctions + " of " + bids.size());
        // hot_auction_ratio 2: about half of the bids go to a hot auction (a multiple of 100).
        assertTrue(Math.abs(hotAuctions - bids.size() / 2) < bids.size() / 20, hotAuctions + " of " + bids.size());
    }

    @Test
    void eventTimeFollowsTheRateAndNeverDecreasesWithinAPartition() {
        NexmarkConfig c = config(60_000).withPartitions(3).withFirstEventRate(1_000);
        for (NexmarkTable table : NexmarkTable.values()) {
            int timeColumn = table.schema().indexOf("date_time").orElseThrow();
            for (int p = 0; p < 3; p++) {
                long last = Long.MIN_VALUE;
                for (Event e : drain(new NexmarkGenerator(c, table, p))) {
                    long t = (Long) e.row()[timeColumn];
                    assertEquals(c.baseTime() + e.index(), t, "1,000 events/s: one event per ms");
                    assertTrue(t >= last);
                    last = t;
                    if (table == NexmarkTable.AUCTION) {
                        long expires = (Long) e.row()[6];
                        // In flight 100 auctions = 1,666 events = 1,666 ms; auctions last up to twice that.
                        assertTrue(expires > t && expires <= t + 2 * 1_666 + 1, "expires " + (expires - t));
                    }
                }
            }
        }
        // At the default 10 M events/s, 10,000 events share a millisecond.
        NexmarkConfig fast = NexmarkConfig.defaults();
        assertEquals(fast.baseTime(), fast.eventTimestamp(9_999));
        assertEquals(fast.baseTime() + 1, fast.eventTimestamp(10_000));
        assertEquals(
                fast.baseTime() + 86_400_000L * 365 * 1000, fast.eventTimestamp(10_000L * 86_400_000L * 365 * 1000));
    }

    @Test
    void rowsMatchTheSchemaAndTheStandardSizes() {
        NexmarkConfig c = config(100_000);
        for (NexmarkTable table : NexmarkTable.values()) {
            long extraChars = 0;
            List<Object[]> rows = pollAll(new NexmarkGenerator(c, table, 0), 512);
            for (Object[] row : rows) {
                assertEquals(table.schema().size(), row.length);
                for (int i = 0; i < row.length; i++) {
                    assertNotNull(row[i], table + "." + table.schema().column(i).name());
                    TypeKind kind = table.schema().column(i).type().kind();
                    Class<?> expected = kind == TypeKind.VARCHAR ? String.class : Long.class;
                    assertEquals(expected, row[i].getClass());
                }
                extraChars += ((String) row[row.length - 1]).length();
            }
            double averageExtra = (double) extraChars / rows.size();
            switch (table) {
                // bid: 100 - 32 bytes of fixed fields = 68, within +-20%.
                case BID -> assertEquals(68, averageExtra, 1.0);
                case PERSON -> assertTrue(averageExtra > 130 && averageExtra < 170, "person extra " + averageExtra);
                case AUCTION -> assertTrue(averageExtra > 350 && averageExtra < 430, "auction extra " + averageExtra);
            }
        }
        for (Object[] bid : pollAll(new NexmarkGenerator(c, NexmarkTable.BID, 0), 512)) {
            long price = (Long) bid[2];
            assertTrue(price >= 100 && price <= 100_000_000, "price " + price);
            assertTrue(((String) bid[4]).startsWith("https://www.nexmark.com/"), (String) bid[4]);
            assertFalse(((String) bid[3]).isEmpty());
        }
        for (Object[] person : pollAll(new NexmarkGenerator(c, NexmarkTable.PERSON, 0), 512)) {
            assertTrue(((String) person[2]).endsWith(".com"));
            assertTrue(((String) person[3]).matches("\\d{4} \\d{4} \\d{4} \\d{4}"), (String) person[3]);
            assertTrue(((String) person[1]).contains(" "));
        }
        for (Object[] auction : pollAll(new NexmarkGenerator(c, NexmarkTable.AUCTION, 0), 512)) {
            assertTrue((Long) auction[4] > (Long) auction[3], "reserve above the initial bid");
            String name = (String) auction[1];
            assertEquals(name.trim(), name);
            assertTrue(name.length() < 20);
        }
    }

    @Test
    void aPartitionWithoutEventsOfTheTableIsExhaustedAtOnce() {
        // Persons are events 0, 50, 100, ...: all even, so partition 1 of 2 never has one.
        NexmarkGenerator none =
                new NexmarkGenerator(NexmarkConfig.defaults().withPartitions(2), NexmarkTable.PERSON, 1);
        assertTrue(none.isExhausted());
        assertEquals(0, none.poll(10, (kind, row) -> {}));
        NexmarkGenerator some =
                new NexmarkGenerator(NexmarkConfig.defaults().withPartitions(2), NexmarkTable.PERSON, 0);
        assertFalse(some.isExhausted());
        assertEquals(10, some.poll(10, (kind, row) -> {}));
        assertEquals(452, some.nextEventIndex()); // just after the 10th person, event 450
    }

    @Test
    void anUnboundedGeneratorKeepsGoing() {
        NexmarkGenerator g = new NexmarkGenerator(NexmarkConfig.defaults(), NexmarkTable.AUCTION, 0);
        for (int i = 0; i < 100; i++) {
            assertEquals(1000, g.poll(1000, (kind, row) -> {}));
        }
        assertFalse(g.isExhausted());
        g.seek(1_000_000_000_000L);
        assertEquals(5, g.poll(5, (kind, row) -> {}));
    }

    @Test
    void aBudgetEndsInTheMiddleOfABatch() {
        NexmarkGenerator g = new NexmarkGenerator(config(1_234), NexmarkTable.BID, 0);
        int total = 0;
        int n;
        while ((n = g.poll(1_000, (kind, row) -> {})) > 0) {
            total += n;
        }
        assertEquals(24 * 46 + (34 - 4), total);
        assertEquals(1_234, g.nextEventIndex());
        assertTrue(g.isExhausted());
    }

    @Test
    void partitionOutOfRangeIsRejected() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new NexmarkGenerator(NexmarkConfig.defaults().withPartitions(2), NexmarkTable.BID, 2));
    }
}
