package dev.sluice.executor.nexmark;

import java.nio.charset.StandardCharsets;

/**
 * The strings of a Nexmark run: random text, names, places, channels and URLs.
 *
 * <p>Flink's generator draws every character of a random string from the event's {@code Random},
 * which makes a 68-character {@code extra} cost 68 draws. Here a string is a window of the wanted
 * length at a random offset into a pool of {@link #POOL_SIZE} random characters made once from the
 * seed: one draw per string, one array copy. Lengths follow Flink's distributions; contents are
 * equally random letters (with spaces about 1 in 13 where Flink puts them), deterministic in the
 * seed.
 */
final class NexmarkText {
    static final int POOL_SIZE = 1 << 16;
    static final int MIN_STRING_LENGTH = 3;
    static final int CHANNELS_NUMBER = 10_000;

    static final String[] FIRST_NAMES = {
        "Peter", "Paul", "Luke", "John", "Saul", "Vicky", "Kate", "Julie", "Sarah", "Deiter", "Walter"
    };
    static final String[] LAST_NAMES = {
        "Shultz", "Abrams", "Spencer", "White", "Bartels", "Walton", "Smith", "Jones", "Noris"
    };
    static final String[] US_STATES = {"AZ", "CA", "ID", "OR", "WA", "WY"};
    static final String[] US_CITIES = {
        "Phoenix", "Los Angeles", "San Francisco", "Boise", "Portland", "Bend", "Redmond", "Seattle", "Kent", "Cheyenne"
    };
    static final String[] HOT_CHANNELS = {"Google", "Facebook", "Baidu", "Apple"};
    static final int HOT_CHANNELS_RATIO = 2;

    /** Every "first last" pair, so a person's name is one draw and no concatenation. */
    private static final String[] NAMES = new String[FIRST_NAMES.length * LAST_NAMES.length];

    static {
        for (int f = 0; f < FIRST_NAMES.length; f++) {
            for (int l = 0; l < LAST_NAMES.length; l++) {
                NAMES[f * LAST_NAMES.length + l] = FIRST_NAMES[f] + " " + LAST_NAMES[l];
            }
        }
    }

    /** Letters a–z: the pool of {@code extra}. */
    private final byte[] letters;
    /** Letters with a space about 1 in 13: the pool of names and descriptions. */
    private final byte[] spaced;

    private final int maxExactLength;
    private final String[] channelNames = new String[CHANNELS_NUMBER];
    private final String[] channelUrls = new String[CHANNELS_NUMBER];
    private final String[] hotUrls = new String[HOT_CHANNELS.length];

    NexmarkText(NexmarkConfig config) {
        int maxAverage =
                Math.max(config.avgBidByteSize(), Math.max(config.avgAuctionByteSize(), config.avgPersonByteSize()));
        // extra is at most 1.2 x the wanted average (see extra()); 100 covers the descriptions.
        this.maxExactLength = Math.max(100, maxAverage + maxAverage / 5 + 2);
        EventRandom r = new EventRandom();
        // Negative "event indexes" keep these draws apart from every real event's.
        r.reset(config.seed(), -1);
        letters = new byte[POOL_SIZE + maxExactLength];
        spaced = new byte[POOL_SIZE + maxExactLength];
        for (int i = 0; i < letters.length; i++) {
            letters[i] = (byte) ('a' + r.nextInt(26));
            spaced[i] = r.nextInt(13) == 0 ? (byte) ' ' : (byte) ('a' + r.nextInt(26));
        }
        r.reset(config.seed(), -2);
        for (int i = 0; i < hotUrls.length; i++) {
            hotUrls[i] = baseUrl(r);
        }
        for (int i = 0; i < CHANNELS_NUMBER; i++) {
            channelNames[i] = "channel-" + i;
            String url = baseUrl(r);
            if (r.nextInt(10) > 0) {
                url = url + "&channel_id=" + Math.abs(Integer.reverse(i));
            }
            channelUrls[i] = url;
        }
    }

    private static String baseUrl(EventRandom r) {
        return "https://www.nexmark.com/" + underscored(r) + '/' + underscored(r) + '/' + underscored(r)
                + "/item.htm?query=1";
    }

    /** A URL path segment of 3–4 letters with '_' about 1 in 13 (Flink's nextString(5, '_')). */
    private static String underscored(EventRandom r) {
        char[] c = new char[MIN_STRING_LENGTH + r.nextInt(5 - MIN_STRING_LENGTH)];
        for (int i = 0; i < c.length; i++) {
            c[i] = r.nextInt(13) == 0 ? '_' : (char) ('a' + r.nextInt(26));
        }
        return new String(c);
    }

    static String personName(EventRandom r) {
        return NAMES[r.nextInt(NAMES.length)];
    }

    static String city(EventRandom r) {
        return US_CITIES[r.nextInt(US_CITIES.length)];
    }

    static String state(EventRandom r) {
        return US_STATES[r.nextInt(US_STATES.length)];
    }

    /** Four groups of four digits separated by spaces. */
    static String creditCard(EventRandom r) {
        byte[] b = new byte[19];
        for (int g = 0; g < 4; g++) {
            int n = r.nextInt(10_000);
            int at = g * 5;
            b[at] = (byte) ('0' + n / 1000);
            b[at + 1] = (byte) ('0' + n / 100 % 10);
            b[at + 2] = (byte) ('0' + n / 10 % 10);
            b[at + 3] = (byte) ('0' + n % 10);
            if (g < 3) {
                b[at + 4] = ' ';
            }
        }
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** Exactly {@code length} random letters, {@code length <= maxExactLength}. */
    String exact(EventRandom r, int length) {
        if (length <= 0) {
            return "";
        }
        return new String(letters, r.nextInt(POOL_SIZE), length, StandardCharsets.ISO_8859_1);
    }

    /**
     * Between {@link #MIN_STRING_LENGTH} and {@code maxLength - 1} random letters with some spaces,
     * trimmed (Flink's nextString).
     */
    String spaced(EventRandom r, int maxLength) {
        int length = MIN_STRING_LENGTH + r.nextInt(maxLength - MIN_STRING_LENGTH);
        int from = r.nextInt(POOL_SIZE);
        int to = from + length;
        while (from < to && spaced[from] == ' ') {
            from++;
        }
        while (to > from && spaced[to - 1] == ' ') {
            to--;
        }
        return new String(spaced, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /**
     * Padding that brings a row of {@code currentSize} bytes to about {@code desiredAverageSize}:
     * uniformly within ±20% of the missing size; empty if the row is already big enough.
     */
    String extra(EventRandom r, int currentSize, int desiredAverageSize) {
        if (currentSize > desiredAverageSize) {
            return "";
        }
        int missing = desiredAverageSize - currentSize;
        int delta = (int) Math.round(missing * 0.2);
        int size = missing - delta + (delta == 0 ? 0 : r.nextInt(2 * delta));
        return exact(r, Math.min(size, maxExactLength));
    }

    String channelName(int i) {
        return channelNames[i];
    }

    String channelUrl(int i) {
        return channelUrls[i];
    }

    String hotUrl(int i) {
        return hotUrls[i];
    }
}
