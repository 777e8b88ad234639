package dev.sluice.logengine.embedded;

import dev.sluice.logengine.FlushPolicy;

/**
 * Engine-wide settings of the embedded backend.
 *
 * @param flushPolicy {@code log.flush}: always (group commit), interval or os
 * @param flushIntervalMs fsync period for {@link FlushPolicy#INTERVAL}
 * @param maxBatchBytes largest accepted batch
 * @param indexIntervalBytes bytes of log between two sparse index entries
 * @param maxIndexBytes preallocated size of each index file (a full index rolls the segment)
 * @param maintenanceIntervalMs how often retention, compaction and checkpoints run
 * @param offsetsTopicPartitions partitions of the internal {@code __consumer_offsets} topic
 */
public record EmbeddedLogConfig(
        FlushPolicy flushPolicy,
        long flushIntervalMs,
        int maxBatchBytes,
        int indexIntervalBytes,
        int maxIndexBytes,
        long maintenanceIntervalMs,
        boolean verifyCrcOnFetch,
        int offsetsTopicPartitions) {

    public static EmbeddedLogConfig defaults() {
        return new EmbeddedLogConfig(FlushPolicy.ALWAYS, 1000, 8 << 20, 4096, 10 << 20, 30_000, true, 4);
    }

    public EmbeddedLogConfig withFlush(FlushPolicy policy, long intervalMs) {
        return new EmbeddedLogConfig(
                policy,
                intervalMs,
                maxBatchBytes,
                indexIntervalBytes,
                maxIndexBytes,
                maintenanceIntervalMs,
                verifyCrcOnFetch,
                offsetsTopicPartitions);
    }

    public EmbeddedLogConfig withLimits(int maxBatchBytes, int indexIntervalBytes, int maxIndexBytes) {
        return new EmbeddedLogConfig(
                flushPolicy,
                flushIntervalMs,
                maxBatchBytes,
                indexIntervalBytes,
                maxIndexBytes,
                maintenanceIntervalMs,
                verifyCrcOnFetch,
                offsetsTopicPartitions);
    }

    public EmbeddedLogConfig withMaintenanceIntervalMs(long ms) {
        return new EmbeddedLogConfig(
                flushPolicy,
                flushIntervalMs,
                maxBatchBytes,
                indexIntervalBytes,
                maxIndexBytes,
                ms,
                verifyCrcOnFetch,
                offsetsTopicPartitions);
    }

    public EmbeddedLogConfig withVerifyCrcOnFetch(boolean verify) {
        return new EmbeddedLogConfig(
                flushPolicy,
                flushIntervalMs,
                maxBatchBytes,
                indexIntervalBytes,
                maxIndexBytes,
                maintenanceIntervalMs,
                verify,
                offsetsTopicPartitions);
    }
}
