package dev.sluice.executor.nexmark;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a Nexmark generator produces. The defaults are those of Flink's Nexmark benchmark.
 *
 * <p>Everything a row contains is a function of this configuration and the row's event index, so
 * two generators with equal configurations produce equal rows, whatever their partition or seek
 * history.
 *
 * @param events total number of events over all partitions and all three tables; 0 = unbounded
 * @param firstEventRate events per second of event time: event {@code i} happens at {@code baseTime
 *     + i * 1000 / firstEventRate} ms. It sets the spacing of event timestamps, not how fast rows are
 *     produced (the generator is not rate limited). Default 10,000,000, as Flink's Nexmark runs use.
 * @param seed seeds every random choice
 * @param partitions number of independent partitions; event {@code i} belongs to partition {@code i
 *     % partitions}
 * @param baseTime event time of event 0, ms since the epoch; fixed (not "now") so that a replay
 *     after a crash produces the same rows
 * @param numActivePeople how many of the most recent people are picked as sellers and bidders
 * @param numInFlightAuctions how many of the most recent auctions receive bids
 * @param hotAuctionRatio 1 in this many bids goes to a random in-flight auction, the rest to a hot
 *     one
 * @param hotSellersRatio 1 in this many auctions has a random seller, the rest a hot one
 * @param hotBiddersRatio 1 in this many bids has a random bidder, the rest a hot one
 * @param avgPersonByteSize average size of a person; {@code extra} pads it to about this
 * @param avgAuctionByteSize average size of an auction
 * @param avgBidByteSize average size of a bid
 */
public record NexmarkConfig(
        long events,
        long firstEventRate,
        long seed,
        int partitions,
        long baseTime,
        int numActivePeople,
        int numInFlightAuctions,
        int hotAuctionRatio,
        int hotSellersRatio,
        int hotBiddersRatio,
        int avgPersonByteSize,
        int avgAuctionByteSize,
        int avgBidByteSize) {

    public static final long DEFAULT_FIRST_EVENT_RATE = 10_000_000L;
    /** 2026-01-01T00:00:00Z. */
    public static final long DEFAULT_BASE_TIME = 1_767_225_600_000L;

    /** Largest supported partition count. */
    public static final int MAX_PARTITIONS = 1 << 16;

    /** WITH options {@link #fromProperties} accepts, besides the ignored {@code connector}/{@code table}. */
    public static final Set<String> OPTIONS = Set.of(
            "events",
            "max_events",
            "event_rate",
            "first_event_rate",
            "seed",
            "partitions",
            "base_time",
            "num_active_people",
            "num_in_flight_auctions",
            "hot_auction_ratio",
            "hot_sellers_ratio",
            "hot_bidders_ratio",
            "avg_person_byte_size",
            "avg_auction_byte_size",
            "avg_bid_byte_size");

    private static final Set<String> IGNORED = Set.of("connector", "table");

    public NexmarkConfig {
        requireAtLeast("events", events, 0);
        requireAtLeast("first_event_rate", firstEventRate, 1);
        requireAtLeast("partitions", partitions, 1);
        if (partitions > MAX_PARTITIONS) {
            throw new IllegalArgumentException(
                    "nexmark option partitions must be at most " + MAX_PARTITIONS + ", got " + partitions);
        }
        requireAtLeast("base_time", baseTime, 0);
        requireAtLeast("num_active_people", numActivePeople, 1);
        requireAtLeast("num_in_flight_auctions", numInFlightAuctions, 1);
        requireAtLeast("hot_auction_ratio", hotAuctionRatio, 1);
        requireAtLeast("hot_sellers_ratio", hotSellersRatio, 1);
        requireAtLeast("hot_bidders_ratio", hotBiddersRatio, 1);
        requireAtLeast("avg_person_byte_size", avgPersonByteSize, 0);
        requireAtLeast("avg_auction_byte_size", avgAuctionByteSize, 0);
        requireAtLeast("avg_bid_byte_size", avgBidByteSize, 0);
    }

    /** Flink's defaults: unbounded, 10 M events/s of event time, seed 0, one partition. */
    public static NexmarkConfig defaults() {
        return new NexmarkConfig(
                0, DEFAULT_FIRST_EVENT_RATE, 0, 1, DEFAULT_BASE_TIME, 1000, 100, 2, 4, 4, 200, 500, 100);
    }

    public NexmarkConfig withEvents(long events) {
        return new NexmarkConfig(
                events,
                firstEventRate,
                seed,
                partitions,
                baseTime,
                numActivePeople,
                numInFlightAuctions,
                hotAuctionRatio,
                hotSellersRatio,
                hotBiddersRatio,
                avgPersonByteSize,
                avgAuctionByteSize,
                avgBidByteSize);
    }

    public NexmarkConfig withSeed(long seed) {
        return new NexmarkConfig(
                events,
                firstEventRate,
                seed,
                partitions,
                baseTime,
                numActivePeople,
                numInFlightAuctions,
                hotAuctionRatio,
                hotSellersRatio,
                hotBiddersRatio,
                avgPersonByteSize,
                avgAuctionByteSize,
                avgBidByteSize);
    }

    public NexmarkConfig withPartitions(int partitions) {
        return new NexmarkConfig(
                events,
                firstEventRate,
                seed,
                partitions,
                baseTime,
                numActivePeople,
                numInFlightAuctions,
                hotAuctionRatio,
                hotSellersRatio,
                hotBiddersRatio,
                avgPersonByteSize,
                avgAuctionByteSize,
                avgBidByteSize);
    }

    public NexmarkConfig withFirstEventRate(long firstEventRate) {
        return new NexmarkConfig(
                events,
                firstEventRate,
                seed,
                partitions,
                baseTime,
                numActivePeople,
                numInFlightAuctions,
                hotAuctionRatio,
                hotSellersRatio,
                hotBiddersRatio,
                avgPersonByteSize,
                avgAuctionByteSize,
                avgBidByteSize);
    }

    /** True when the generator never runs out of events. */
    public boolean unbounded() {
        return events == 0;
    }

    /** Event time of event {@code eventIndex}, ms since the epoch; non-decreasing in the index. */
    public long eventTimestamp(long eventIndex) {
        // Split to keep eventIndex * 1000 from overflowing for long unbounded runs.
        return baseTime
                + (eventIndex / firstEventRate) * 1000L
                + (eventIndex % firstEventRate) * 1000L / firstEventRate;
    }

    /**
     * Reads a configuration from the WITH options of {@code CREATE SOURCE ... WITH (connector =
     * 'nexmark', ...)}. Option names are case-insensitive; {@code connector} and {@code table} are
     * ignored (they select the generator, they do not configure it); any other unknown option is an
     * error, so a typo does not silently fall back to a default. Numbers may contain {@code _}
     * separators ({@code 10_000_000}).
     *
     * <ul>
     *   <li>{@code events} (alias {@code max_events}): total events, 0 = unbounded (default)
     *   <li>{@code event_rate} (alias {@code first_event_rate}): events per second of event time
     *   <li>{@code seed}, {@code partitions}
     *   <li>{@code base_time}: event time of the first event, as epoch milliseconds, an ISO instant
     *       ({@code 2026-01-01T00:00:00Z}) or a UTC timestamp ({@code 2026-01-01 00:00:00})
     *   <li>{@code num_active_people}, {@code num_in_flight_auctions}, {@code hot_auction_ratio},
     *       {@code hot_sellers_ratio}, {@code hot_bidders_ratio}, {@code avg_person_byte_size},
     *       {@code avg_auction_byte_size}, {@code avg_bid_byte_size}
     * </ul>
     *
     * @throws IllegalArgumentException naming the option and what a valid value looks like
     */
    public static NexmarkConfig fromProperties(Map<String, String> properties) {
        Map<String, String> options = new LinkedHashMap<>();
        Set<String> unknown = new TreeSet<>();
        for (Map.Entry<String, String> e : properties.entrySet()) {
            String key = e.getKey().trim().toLowerCase(Locale.ROOT);
            if (IGNORED.contains(key)) {
                continue;
            }
            if (!OPTIONS.contains(key)) {
                unknown.add(e.getKey());
                continue;
            }
            if (e.getValue() == null) {
                throw new IllegalArgumentException("nexmark option " + key + " needs a value");
            }
            if (options.put(key, e.getValue()) != null) {
                throw new IllegalArgumentException("nexmark option " + key + " is given twice");
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown nexmark option" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + "; valid options are " + String.join(", ", new TreeSet<>(OPTIONS)));
        }
        NexmarkConfig d = defaults();
        Map<String, Long> longs = new HashMap<>();
        for (String key : List.of(
                "events",
                "max_events",
                "event_rate",
                "first_event_rate",
                "seed",
                "partitions",
                "num_active_people",
                "num_in_flight_auctions",
                "hot_auction_ratio",
                "hot_sellers_ratio",
                "hot_bidders_ratio",
                "avg_person_byte_size",
                "avg_auction_byte_size",
                "avg_bid_byte_size")) {
            String raw = options.get(key);
            if (raw != null) {
                longs.put(key, parseLong(key, raw, !key.equals("seed")));
            }
        }
        long events = alias(longs, "events", "max_events", d.events());
        long rate = alias(longs, "event_rate", "first_event_rate", d.firstEventRate());
        long baseTime = options.containsKey("base_time") ? parseTime(options.get("base_time")) : d.baseTime();
        return new NexmarkConfig(
                events,
                rate,
                longs.getOrDefault("seed", d.seed()),
                toInt(longs, "partitions", d.partitions()),
                baseTime,
                toInt(longs, "num_active_people", d.numActivePeople()),
                toInt(longs, "num_in_flight_auctions", d.numInFlightAuctions()),
                toInt(longs, "hot_auction_ratio", d.hotAuctionRatio()),
                toInt(longs, "hot_sellers_ratio", d.hotSellersRatio()),
                toInt(longs, "hot_bidders_ratio", d.hotBiddersRatio()),
                toInt(longs, "avg_person_byte_size", d.avgPersonByteSize()),
                toInt(longs, "avg_auction_byte_size", d.avgAuctionByteSize()),
                toInt(longs, "avg_bid_byte_size", d.avgBidByteSize()));
    }

    private static long alias(Map<String, Long> longs, String name, String alias, long otherwise) {
        Long a = longs.get(name);
        Long b = longs.get(alias);
        if (a != null && b != null && !a.equals(b)) {
            throw new IllegalArgumentException("nexmark options " + name + " and " + alias
                    + " are the same setting but have different values (" + a + ", " + b + "); give one");
        }
        return a != null ? a : b != null ? b : otherwise;
    }

    private static int toInt(Map<String, Long> longs, String key, int otherwise) {
        Long v = longs.get(key);
        if (v == null) {
            return otherwise;
        }
        if (v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "nexmark option " + key + " must be at most " + Integer.MAX_VALUE + ", got " + v);
        }
        return v.intValue();
    }

    private static long parseLong(String key, String raw, boolean nonNegative) {
        String s = raw.trim().replace("_", "");
        try {
            long v = Long.parseLong(s);
            if (nonNegative && v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("nexmark option " + key + " must be "
                    + (nonNegative ? "a non-negative integer" : "an integer") + ", got '" + raw + "'");
        }
    }

    private static long parseTime(String raw) {
        String s = raw.trim();
        try {
            if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
                return Long.parseLong(s);
            }
            if (s.endsWith("Z") || s.endsWith("z")) {
                return Instant.parse(s.toUpperCase(Locale.ROOT)).toEpochMilli();
            }
            return LocalDateTime.parse(s.replace(' ', 'T'))
                    .toInstant(ZoneOffset.UTC)
                    .toEpochMilli();
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("nexmark option base_time must be epoch milliseconds or a timestamp"
                    + " such as '2026-01-01 00:00:00' (UTC), got '" + raw + "'");
        }
    }

    private static void requireAtLeast(String option, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(
                    "nexmark option " + option + " must be at least " + min + ", got " + value);
        }
    }
}
