package dev.sluice.executor.nexmark;

import dev.sluice.common.RowKind;
import dev.sluice.executor.stream.ChangeCollector;

/**
 * Generates the rows of one Nexmark table for one partition, following the standard Nexmark
 * generator (Beam's and Flink's): of every 50 events 1 is a person, 3 are auctions and 46 are bids;
 * ids, hot sellers/bidders/auctions and in-flight auctions as {@link NexmarkIds} describes; event
 * time from the first-event rate ({@link NexmarkConfig#eventTimestamp}); auctions expire within
 * twice the time it takes to open the in-flight number of auctions; prices log-uniform between
 * $1 and $1M (in cents); {@code extra} pads rows to the configured average sizes.
 *
 * <p>Partitioning and replay:
 *
 * <ol>
 *   <li>Event {@code i} belongs to partition {@code i % partitions}. A generator for (table,
 *       partition) walks that partition's event indexes in order and turns those of its table into
 *       rows, skipping the rest; the three tables' generators of a partition together cover each of
 *       its events exactly once.
 *   <li>An event's contents depend only on the seed and its index ({@link EventRandom} is re-seeded
 *       per event), so partitions are independent and {@link #seek} to a saved {@link
 *       #nextEventIndex} resumes exactly where the saved generator would have continued. The event
 *       index is the source offset to checkpoint.
 *   <li>Within a partition event time never decreases.
 * </ol>
 *
 * <p>Because persons are event 0 of every 50, some partition counts leave a partition without any
 * row of a table (with 2 partitions, every person is in partition 0). Such a generator is {@link
 * #isExhausted() exhausted} from the start.
 *
 * <p>Not thread-safe: one generator per source task.
 */
public final class NexmarkGenerator {
    private final NexmarkConfig config;
    private final NexmarkTable table;
    private final int partition;
    private final int partitions;
    /** Exclusive end of the event indexes; Long.MAX_VALUE when unbounded. */
    private final long end;
    /** The table's event offsets within an epoch of 50: [firstOffset, lastOffset]. */
    private final int firstOffset;

    private final int lastOffset;
    /** partitions % 50: how far the offset in the epoch moves per step. */
    private final int offsetStep;
    /** True when no event of this partition is of this table. */
    private final boolean empty;

    private final EventRandom random = new EventRandom();
    /** Values after the table's columns: 0, or 3 for ROWTIME, ROWPARTITION and ROWOFFSET. */
    private final int extraSlots;

    private final NexmarkText text;

    /** The next event index of this partition to look at (≡ partition mod partitions). */
    private long next;
    /** next % 50. */
    private int offset;

    public NexmarkGenerator(NexmarkConfig config, NexmarkTable table, int partition) {
        this(config, table, partition, false);
    }

    /**
     * @param pseudoColumns when true every row has three more values after the table's columns, as
     *     a query over a source reads them: its event time ({@code ROWTIME}, ms), the partition
     *     ({@code ROWPARTITION}, an Integer) and the event index ({@code ROWOFFSET})
     */
    public NexmarkGenerator(NexmarkConfig config, NexmarkTable table, int partition, boolean pseudoColumns) {
        this.extraSlots = pseudoColumns ? 3 : 0;
        if (partition < 0 || partition >= config.partitions()) {
            throw new IllegalArgumentException(
                    "partition " + partition + " is out of range [0, " + config.partitions() + ")");
        }
        this.config = config;
        this.table = table;
        this.partition = partition;
        this.partitions = config.partitions();
        this.end = config.unbounded() ? Long.MAX_VALUE : config.events();
        switch (table) {
            case PERSON -> {
                firstOffset = 0;
                lastOffset = NexmarkIds.PERSON_PROPORTION - 1;
            }
            case AUCTION -> {
                firstOffset = NexmarkIds.PERSON_PROPORTION;
                lastOffset = NexmarkIds.PERSON_PROPORTION + NexmarkIds.AUCTION_PROPORTION - 1;
            }
            default -> {
                firstOffset = NexmarkIds.PERSON_PROPORTION + NexmarkIds.AUCTION_PROPORTION;
                lastOffset = NexmarkIds.PROPORTION_DENOMINATOR - 1;
            }
        }
        this.offsetStep = partitions % NexmarkIds.PROPORTION_DENOMINATOR;
        this.empty = !partitionSeesTable();
        this.text = new NexmarkText(config);
        seek(0);
    }

    /**
     * The offsets in an epoch that this partition visits are those congruent to the partition
     * modulo gcd(partitions, 50); the partition has rows of the table iff one of them is the
     * table's.
     */
    private boolean partitionSeesTable() {
        int g = gcd(partitions, NexmarkIds.PROPORTION_DENOMINATOR);
        for (int o = firstOffset; o <= lastOffset; o++) {
            if (o % g == partition % g) {
                return true;
            }
        }
        return false;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    public NexmarkConfig config() {
        return config;
    }

    public NexmarkTable table() {
        return table;
    }

    public int partition() {
        return partition;
    }

    /**
     * The index of the next event this generator will look at: every event of the partition below
     * it has been emitted (if it was of this table). Checkpoint it; {@link #seek} to it to resume.
     */
    public long nextEventIndex() {
        return next;
    }

    /**
     * Continues from {@code eventIndex}: the next event looked at is the first of this partition at
     * or after it.
     */
    public void seek(long eventIndex) {
        if (eventIndex < 0) {
            throw new IllegalArgumentException("event index must not be negative: " + eventIndex);
        }
        next = eventIndex + Math.floorMod(partition - eventIndex, (long) partitions);
        offset = (int) (next % NexmarkIds.PROPORTION_DENOMINATOR);
    }

    /** True when no further rows will come: the partition's events are used up, or it has none of this table. */
    public boolean isExhausted() {
        return empty || next >= end;
    }

    /**
     * Emits up to {@code maxRows} rows of this generator's table as {@link RowKind#INSERT}s, in
     * event order.
     *
     * @return the number of rows emitted; 0 only once {@link #isExhausted()}
     */
    public int poll(int maxRows, ChangeCollector out) {
        if (empty) {
            return 0;
        }
        int emitted = 0;
        long e = next;
        int o = offset;
        // Every 50 steps visit each reachable offset of the epoch, so this loop emits a row at least
        // every 50 steps and ends after at most 50 * maxRows.
        while (emitted < maxRows && e < end) {
            if (o >= firstOffset && o <= lastOffset) {
                out.collect(RowKind.INSERT, row(e));
                emitted++;
            }
            e += partitions;
            o += offsetStep;
            if (o >= NexmarkIds.PROPORTION_DENOMINATOR) {
                o -= NexmarkIds.PROPORTION_DENOMINATOR;
            }
        }
        next = e;
        offset = o;
        return emitted;
    }

    /** The row of event {@code eventIndex}, which must be of this generator's table. */
    Object[] row(long eventIndex) {
        random.reset(config.seed(), eventIndex);
        long timestamp = config.eventTimestamp(eventIndex);
        Object[] row =
                switch (table) {
                    case PERSON -> person(eventIndex, timestamp);
                    case AUCTION -> auction(eventIndex, timestamp);
                    case BID -> bid(eventIndex, timestamp);
                };
        if (extraSlots > 0) {
            int n = row.length - extraSlots;
            row[n] = timestamp;
            row[n + 1] = partition;
            row[n + 2] = eventIndex;
        }
        return row;
    }

    /** A row array with room for the pseudo-columns when asked for. */
    private Object[] values(Object... columns) {
        return extraSlots == 0 ? columns : java.util.Arrays.copyOf(columns, columns.length + extraSlots);
    }

    private Object[] bid(long e, long timestamp) {
        EventRandom r = random;
        long auction = r.nextInt(config.hotAuctionRatio()) > 0
                ? (NexmarkIds.lastBase0AuctionId(e) / NexmarkIds.HOT_AUCTION_RATIO) * NexmarkIds.HOT_AUCTION_RATIO
                : NexmarkIds.nextBase0AuctionId(e, r, config);
        long bidder = r.nextInt(config.hotBiddersRatio()) > 0
                ? (NexmarkIds.lastBase0PersonId(e) / NexmarkIds.HOT_BIDDER_RATIO) * NexmarkIds.HOT_BIDDER_RATIO + 1
                : NexmarkIds.nextBase0PersonId(e, r, config);
        long price = nextPrice(r);
        String channel;
        String url;
        if (r.nextInt(NexmarkText.HOT_CHANNELS_RATIO) > 0) {
            int i = r.nextInt(NexmarkText.HOT_CHANNELS.length);
            channel = NexmarkText.HOT_CHANNELS[i];
            url = text.hotUrl(i);
        } else {
            int i = r.nextInt(NexmarkText.CHANNELS_NUMBER);
            channel = text.channelName(i);
            url = text.channelUrl(i);
        }
        // Flink counts 8 bytes for each of auction, bidder, price and date_time.
        String extra = text.extra(r, 32, config.avgBidByteSize());
        return values(
                auction + NexmarkIds.FIRST_AUCTION_ID,
                bidder + NexmarkIds.FIRST_PERSON_ID,
                price,
                channel,
                url,
                timestamp,
                extra);
    }

    private Object[] auction(long e, long timestamp) {
        EventRandom r = random;
        long id = NexmarkIds.lastBase0AuctionId(e) + NexmarkIds.FIRST_AUCTION_ID;
        long seller = r.nextInt(config.hotSellersRatio()) > 0
                ? (NexmarkIds.lastBase0PersonId(e) / NexmarkIds.HOT_SELLER_RATIO) * NexmarkIds.HOT_SELLER_RATIO
                : NexmarkIds.nextBase0PersonId(e, r, config);
        long category = NexmarkIds.FIRST_CATEGORY_ID + r.nextInt(NexmarkIds.NUM_CATEGORIES);
        long initialBid = nextPrice(r);
        long expires = timestamp + nextAuctionLengthMs(e, timestamp, r);
        String itemName = text.spaced(r, 20);
        String description = text.spaced(r, 100);
        long reserve = initialBid + nextPrice(r);
        int currentSize = 8 + itemName.length() + description.length() + 8 + 8 + 8 + 8 + 8;
        String extra = text.extra(r, currentSize, config.avgAuctionByteSize());
        return values(
                id,
                itemName,
                description,
                initialBid,
                reserve,
                timestamp,
                expires,
                seller + NexmarkIds.FIRST_PERSON_ID,
                category,
                extra);
    }

    private Object[] person(long e, long timestamp) {
        EventRandom r = random;
        long id = NexmarkIds.lastBase0PersonId(e) + NexmarkIds.FIRST_PERSON_ID;
        String name = NexmarkText.personName(r);
        String email = text.spaced(r, 7) + '@' + text.spaced(r, 5) + ".com";
        String creditCard = NexmarkText.creditCard(r);
        String city = NexmarkText.city(r);
        String state = NexmarkText.state(r);
        int currentSize = 8 + name.length() + email.length() + creditCard.length() + city.length() + state.length();
        String extra = text.extra(r, currentSize, config.avgPersonByteSize());
        return values(id, name, email, creditCard, city, state, timestamp, extra);
    }

    /**
     * How long an auction stays open: uniform in [1, 2 x horizon] ms, where the horizon is the event
     * time it takes to open {@code numInFlightAuctions} more auctions. So about that many auctions
     * are open at any time. At 10 M events/s the horizon rounds to 0 and auctions last 1 ms (as in
     * Flink's runs at that rate).
     */
    private long nextAuctionLengthMs(long e, long timestamp, EventRandom r) {
        long eventsForAuctions = ((long) config.numInFlightAuctions() * NexmarkIds.PROPORTION_DENOMINATOR)
                / NexmarkIds.AUCTION_PROPORTION;
        long horizonMs = config.eventTimestamp(e + eventsForAuctions) - timestamp;
        return 1L + r.nextLong(Math.max(horizonMs * 2, 1L));
    }

    /** Log-uniform in [100, 100,000,000] cents. */
    private static long nextPrice(EventRandom r) {
        return Math.round(Math.pow(10.0, r.nextDouble() * 6.0) * 100.0);
    }
}
