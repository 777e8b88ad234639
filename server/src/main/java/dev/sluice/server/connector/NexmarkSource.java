package dev.sluice.server.connector;

import dev.sluice.common.SluiceException;
import dev.sluice.common.SqlState;
import dev.sluice.executor.nexmark.NexmarkConfig;
import dev.sluice.executor.nexmark.NexmarkGenerator;
import dev.sluice.executor.nexmark.NexmarkTable;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A {@code nexmark} source: which table it generates, the generator's configuration, and an optional
 * rate limit.
 *
 * @param table person, auction or bid
 * @param config the generator configuration (event count, partitions, seed, ...)
 * @param eventsPerSecond events (of all three tables) per second a reader may generate, over all
 *     partitions; 0 = as fast as the reader can go
 */
public record NexmarkSource(NexmarkTable table, NexmarkConfig config, long eventsPerSecond) {
    public static final String CONNECTOR = "nexmark";

    /** The WITH options of CREATE SOURCE ... WITH (connector = 'nexmark', ...). */
    public static final Set<String> OPTIONS;

    static {
        Set<String> options = new HashSet<>(NexmarkConfig.OPTIONS);
        options.add("connector");
        options.add("table");
        options.add("events_per_second");
        OPTIONS = Set.copyOf(options);
    }

    /**
     * Reads the options as the catalog stores them.
     *
     * @throws SluiceException 22023 naming the option that is wrong and what it accepts
     */
    public static NexmarkSource of(Map<String, String> properties) {
        Map<String, String> generator = new LinkedHashMap<>();
        String table = null;
        long rate = 0;
        for (Map.Entry<String, String> e : properties.entrySet()) {
            String key = e.getKey().toLowerCase(Locale.ROOT);
            switch (key) {
                case "table" -> table = e.getValue();
                case "events_per_second" -> rate = parseRate(e.getValue());
                default -> generator.put(key, e.getValue());
            }
        }
        if (table == null) {
            throw invalid("a nexmark source needs the option table = 'person' | 'auction' | 'bid'");
        }
        try {
            return new NexmarkSource(NexmarkTable.parse(table), NexmarkConfig.fromProperties(generator), rate);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    /**
     * A generator for one partition, positioned at its start, whose rows carry the pseudo-columns
     * (ROWTIME, ROWPARTITION, ROWOFFSET) after the table's columns, as a query reads a source.
     */
    public NexmarkGenerator generator(int partition) {
        return new NexmarkGenerator(config, table, partition, true);
    }

    private static long parseRate(String value) {
        try {
            long v = Long.parseLong(value.replace("_", "").trim());
            if (v < 0) {
                throw invalid("option events_per_second must be 0 (no limit) or more, not " + value);
            }
            return v;
        } catch (NumberFormatException e) {
            throw invalid("option events_per_second needs a whole number, not " + value);
        }
    }

    private static SluiceException invalid(String message) {
        return new SluiceException(SqlState.INVALID_PARAMETER_VALUE, message);
    }
}
