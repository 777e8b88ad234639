package dev.sluice.planner.catalog;

import dev.sluice.common.SluiceException;
import dev.sluice.common.SqlState;

/**
 * How a relation's topic is laid out in the log.
 *
 * @param partitions number of partitions (1..1024)
 * @param replicas copies of each partition (1 on a single node)
 * @param retentionMs how long records are kept, or -1 for ever
 * @param retentionBytes how many bytes a partition keeps, or -1 for no limit
 * @param compacted true for changelog topics (tables, views): the log keeps the latest row per key
 */
public record TopicSettings(int partitions, int replicas, long retentionMs, long retentionBytes, boolean compacted) {
    public static final int MAX_PARTITIONS = 1024;
    public static final int DEFAULT_PARTITIONS = 1;

    public TopicSettings {
        if (partitions < 1 || partitions > MAX_PARTITIONS) {
            throw new SluiceException(
                    SqlState.INVALID_PARAMETER_VALUE,
                    "partitions must be between 1 and " + MAX_PARTITIONS + ", not " + partitions);
        }
        if (replicas < 1) {
            throw new SluiceException(SqlState.INVALID_PARAMETER_VALUE, "replicas must be at least 1, not " + replicas);
        }
        if (retentionMs < -1 || retentionBytes < -1) {
            throw new SluiceException(SqlState.INVALID_PARAMETER_VALUE, "retention must be positive, or -1 for none");
        }
    }

    public static TopicSettings stream(int partitions) {
        return new TopicSettings(partitions, 1, -1, -1, false);
    }

    public static TopicSettings changelog(int partitions) {
        return new TopicSettings(partitions, 1, -1, -1, true);
    }
}
