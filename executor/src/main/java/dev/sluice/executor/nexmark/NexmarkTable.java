package dev.sluice.executor.nexmark;

import dev.sluice.common.types.Schema;
import dev.sluice.common.types.SqlType;

/**
 * The three Nexmark tables. Column names and order are those of Flink's and RisingWave's Nexmark
 * SQL (lower case), so the standard queries run unchanged.
 *
 * <p>Row values are in Calcite's internal representation: BIGINT {@link Long}, VARCHAR {@link
 * String}, TIMESTAMP {@link Long} milliseconds since the epoch (UTC).
 */
public enum NexmarkTable {
    /** A new person: a potential seller or bidder. One event in 50. */
    PERSON,
    /** A new auction opened by a person. Three events in 50. */
    AUCTION,
    /** A bid on an open auction. 46 events in 50. */
    BID;

    /** {@code person}: id, name, email_address, credit_card, city, state, date_time, extra. */
    public static final Schema PERSON_SCHEMA = Schema.builder()
            .column("id", SqlType.BIGINT)
            .column("name", SqlType.VARCHAR)
            .column("email_address", SqlType.VARCHAR)
            .column("credit_card", SqlType.VARCHAR)
            .column("city", SqlType.VARCHAR)
            .column("state", SqlType.VARCHAR)
            .column("date_time", SqlType.TIMESTAMP)
            .column("extra", SqlType.VARCHAR)
            .build();

    /**
     * {@code auction}: id, item_name, description, initial_bid, reserve, date_time, expires, seller,
     * category, extra.
     */
    public static final Schema AUCTION_SCHEMA = Schema.builder()
            .column("id", SqlType.BIGINT)
            .column("item_name", SqlType.VARCHAR)
            .column("description", SqlType.VARCHAR)
            .column("initial_bid", SqlType.BIGINT)
            .column("reserve", SqlType.BIGINT)
            .column("date_time", SqlType.TIMESTAMP)
            .column("expires", SqlType.TIMESTAMP)
            .column("seller", SqlType.BIGINT)
            .column("category", SqlType.BIGINT)
            .column("extra", SqlType.VARCHAR)
            .build();

    /** {@code bid}: auction, bidder, price, channel, url, date_time, extra. */
    public static final Schema BID_SCHEMA = Schema.builder()
            .column("auction", SqlType.BIGINT)
            .column("bidder", SqlType.BIGINT)
            .column("price", SqlType.BIGINT)
            .column("channel", SqlType.VARCHAR)
            .column("url", SqlType.VARCHAR)
            .column("date_time", SqlType.TIMESTAMP)
            .column("extra", SqlType.VARCHAR)
            .build();

    /** The table's schema (one of the constants above). */
    public Schema schema() {
        return switch (this) {
            case PERSON -> PERSON_SCHEMA;
            case AUCTION -> AUCTION_SCHEMA;
            case BID -> BID_SCHEMA;
        };
    }

    /** The table's name in the standard queries: {@code person}, {@code auction}, {@code bid}. */
    public String tableName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Parses a table name as written in a WITH option ({@code person}, {@code Auction}, ...).
     *
     * @throws IllegalArgumentException naming the three valid values
     */
    public static NexmarkTable parse(String name) {
        for (NexmarkTable t : values()) {
            if (t.name().equalsIgnoreCase(name.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown nexmark table '" + name + "'; expected person, auction or bid");
    }
}
