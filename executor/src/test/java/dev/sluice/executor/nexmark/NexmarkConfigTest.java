package dev.sluice.executor.nexmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NexmarkConfigTest {
    private static String error(Map<String, String> options) {
        return assertThrows(IllegalArgumentException.class, () -> NexmarkConfig.fromProperties(options))
                .getMessage();
    }

    @Test
    void defaultsAreFlinks() {
        NexmarkConfig c = NexmarkConfig.fromProperties(Map.of("connector", "nexmark", "table", "bid"));
        assertEquals(NexmarkConfig.defaults(), c);
        assertEquals(0, c.events());
        assertEquals(10_000_000L, c.firstEventRate());
        assertEquals(1, c.partitions());
        assertEquals(1000, c.numActivePeople());
        assertEquals(100, c.numInFlightAuctions());
        assertEquals(2, c.hotAuctionRatio());
        assertEquals(4, c.hotSellersRatio());
        assertEquals(4, c.hotBiddersRatio());
        assertEquals(100, c.avgBidByteSize());
    }

    @Test
    void readsEveryOption() {
        NexmarkConfig c = NexmarkConfig.fromProperties(Map.ofEntries(
                Map.entry("EVENTS", "10_000_000"),
                Map.entry("event_rate", "1000"),
                Map.entry("seed", "-7"),
                Map.entry("partitions", "4"),
                Map.entry("base_time", "2026-11-22 10:00:00"),
                Map.entry("num_active_people", "50"),
                Map.entry("num_in_flight_auctions", "60"),
                Map.entry("hot_auction_ratio", "3"),
                Map.entry("hot_sellers_ratio", "5"),
                Map.entry("hot_bidders_ratio", "6"),
                Map.entry("avg_person_byte_size", "300"),
                Map.entry("avg_auction_byte_size", "600"),
                Map.entry("avg_bid_byte_size", "0")));
        assertEquals(new NexmarkConfig(10_000_000, 1000, -7, 4, 1_795_341_600_000L, 50, 60, 3, 5, 6, 300, 600, 0), c);
        assertEquals(5, NexmarkConfig.fromProperties(Map.of("max_events", "5")).events());
        assertEquals(
                5,
                NexmarkConfig.fromProperties(Map.of("max_events", "5", "events", "5"))
                        .events());
        assertEquals(
                9, NexmarkConfig.fromProperties(Map.of("first_event_rate", "9")).firstEventRate());
        assertEquals(
                123, NexmarkConfig.fromProperties(Map.of("base_time", "123")).baseTime());
        assertEquals(
                1_795_341_600_000L,
                NexmarkConfig.fromProperties(Map.of("base_time", "2026-11-22T10:00:00Z"))
                        .baseTime());
    }

    @Test
    void badValuesAreRejectedWithTheOptionNamed() {
        assertEquals(
                "nexmark option events must be a non-negative integer, got 'many'", error(Map.of("events", "many")));
        assertEquals("nexmark option events must be a non-negative integer, got '-1'", error(Map.of("events", "-1")));
        assertEquals(
                "nexmark option event_rate must be at least 1, got 0",
                error(Map.of("event_rate", "0")).replace("first_", ""));
        assertTrue(error(Map.of("seed", "1.5")).contains("seed must be an integer"));
        assertTrue(error(Map.of("partitions", "0")).contains("partitions must be at least 1"));
        assertTrue(error(Map.of("partitions", "100000")).contains("partitions must be at most 65536"));
        assertTrue(error(Map.of("partitions", "99999999999")).contains("at most 2147483647"));
        assertTrue(error(Map.of("hot_auction_ratio", "0")).contains("hot_auction_ratio must be at least 1"));
        assertTrue(error(Map.of("base_time", "yesterday")).contains("base_time must be epoch milliseconds"));
        assertTrue(error(Map.of("events", "1", "max_events", "2")).contains("events and max_events"));
        assertTrue(error(Map.of("events", "")).contains("events must be a non-negative integer"));
    }

    @Test
    void unknownOptionsAreRejectedWithTheValidOnesListed() {
        String message = error(Map.of("event", "10"));
        assertTrue(message.startsWith("unknown nexmark option event; valid options are "), message);
        assertTrue(message.contains("events") && message.contains("first_event_rate"), message);
    }

    @Test
    void recordRejectsOutOfRangeValues() {
        assertThrows(
                IllegalArgumentException.class, () -> NexmarkConfig.defaults().withEvents(-1));
        assertThrows(
                IllegalArgumentException.class, () -> NexmarkConfig.defaults().withPartitions(0));
        assertThrows(
                IllegalArgumentException.class, () -> NexmarkConfig.defaults().withFirstEventRate(0));
    }
}
