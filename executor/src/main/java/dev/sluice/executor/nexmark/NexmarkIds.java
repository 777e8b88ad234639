package dev.sluice.executor.nexmark;

/**
 * How event indexes map to person and auction ids, as in the standard Nexmark generator.
 *
 * <p>Events come in epochs of {@link #PROPORTION_DENOMINATOR} = 50: offset 0 is a person, offsets
 * 1–3 are auctions, 4–49 are bids. So the id of the person or auction an event creates, and the
 * newest id that exists when any event happens, follow from the index alone:
 *
 * <pre>
 *   event index   0  1  2  3  4 .. 49 | 50 51 52 53 54 .. 99 | ...
 *   kind          P  A  A  A  B .. B  | P  A  A  A  B  .. B  |
 *   person id     0                   | 1                    |   (+ FIRST_PERSON_ID)
 *   auction id       0  1  2          |    3  4  5           |   (+ FIRST_AUCTION_ID)
 * </pre>
 *
 * A randomly chosen seller or bidder is one of the {@code numActivePeople} newest people, or up to
 * {@link #PERSON_ID_LEAD} people "from the future" (as in Flink: a reference may name a person
 * whose creation event is up to that many people ahead); a randomly chosen auction is one of the
 * {@code numInFlightAuctions} newest, or up to {@link #AUCTION_ID_LEAD} ahead. Hot sellers, bidders
 * and auctions are the newest id rounded down to a multiple of 100.
 */
public final class NexmarkIds {
    public static final int PERSON_PROPORTION = 1;
    public static final int AUCTION_PROPORTION = 3;
    public static final int BID_PROPORTION = 46;
    public static final int PROPORTION_DENOMINATOR = PERSON_PROPORTION + AUCTION_PROPORTION + BID_PROPORTION;

    public static final long FIRST_PERSON_ID = 1000;
    public static final long FIRST_AUCTION_ID = 1000;
    public static final long FIRST_CATEGORY_ID = 10;
    public static final int NUM_CATEGORIES = 5;

    public static final int PERSON_ID_LEAD = 10;
    public static final int AUCTION_ID_LEAD = 10;
    public static final int HOT_SELLER_RATIO = 100;
    public static final int HOT_AUCTION_RATIO = 100;
    public static final int HOT_BIDDER_RATIO = 100;

    private NexmarkIds() {}

    /** The table whose row event {@code eventIndex} produces. */
    public static NexmarkTable tableOf(long eventIndex) {
        return tableOfOffset((int) (eventIndex % PROPORTION_DENOMINATOR));
    }

    static NexmarkTable tableOfOffset(int offsetInEpoch) {
        if (offsetInEpoch < PERSON_PROPORTION) {
            return NexmarkTable.PERSON;
        }
        return offsetInEpoch < PERSON_PROPORTION + AUCTION_PROPORTION ? NexmarkTable.AUCTION : NexmarkTable.BID;
    }

    /** The newest person (0-based) that exists at {@code eventIndex}; its own id if it is a person. */
    public static long lastBase0PersonId(long eventIndex) {
        // Every epoch starts with its single person, so the epoch number is the newest person.
        return eventIndex / PROPORTION_DENOMINATOR;
    }

    /**
     * The newest auction (0-based) that exists at {@code eventIndex}; its own id if it is an
     * auction; -1 before the first auction.
     */
    public static long lastBase0AuctionId(long eventIndex) {
        long epoch = eventIndex / PROPORTION_DENOMINATOR;
        long offset = eventIndex % PROPORTION_DENOMINATOR;
        if (offset < PERSON_PROPORTION) {
            // A person event: the newest auction is the previous epoch's last.
            epoch--;
            offset = AUCTION_PROPORTION - 1;
        } else if (offset >= PERSON_PROPORTION + AUCTION_PROPORTION) {
            offset = AUCTION_PROPORTION - 1;
        } else {
            offset -= PERSON_PROPORTION;
        }
        return epoch * AUCTION_PROPORTION + offset;
    }

    /** A random seller or bidder (0-based) for the event: recent, or slightly ahead. */
    static long nextBase0PersonId(long eventIndex, EventRandom random, NexmarkConfig config) {
        long numPeople = lastBase0PersonId(eventIndex) + 1;
        long activePeople = Math.min(numPeople, config.numActivePeople());
        long n = random.nextLong(activePeople + PERSON_ID_LEAD);
        return numPeople - activePeople + n;
    }

    /** A random auction (0-based) for a bid: one in flight, or slightly ahead. */
    static long nextBase0AuctionId(long eventIndex, EventRandom random, NexmarkConfig config) {
        long maxAuction = lastBase0AuctionId(eventIndex);
        long minAuction = Math.max(maxAuction - config.numInFlightAuctions(), 0);
        return minAuction + random.nextLong(maxAuction - minAuction + 1 + AUCTION_ID_LEAD);
    }
}
