package dev.sluice.logengine.embedded;

import dev.sluice.logengine.FlushPolicy;
import dev.sluice.logengine.storage.LogConfig;

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
 * @param producerIdExpirationMs {@code producer.id.expiration.ms}: producer state idle this long is
 *     dropped at maintenance (default one day, as in Kafka)
 */
public record EmbeddedLogConfig(
        FlushPolicy flushPolicy,
        long flushIntervalMs,
        int maxBatchBytes,
        int indexIntervalBytes,
        int maxIndexBytes,
        long maintenanceIntervalMs,
        boolean verifyCrcOnFetch,
        int offsetsTopicPartitions,
        long producerIdExpirationMs) {

    public static EmbeddedLogConfig defaults() {
        return new EmbeddedLogConfig(
                FlushPolicy.ALWAYS,
                1000,
                8 << 20,
                4096,
                10 << 20,
                30_000,
                true,
                4,
                LogConfig.DEFAULT_PRODUCER_ID_EXPIRATION_MS);
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
                offsetsTopicPartitions,
                producerIdExpirationMs);
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
                offsetsTopicPartitions,
                producerIdExpirationMs);
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
                offsetsTopicPartitions,
                producerIdExpirationMs);
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
                offsetsTopicPartitions,
                producerIdExpirationMs);
    }

    public EmbeddedLogConfig withProducerIdExpirationMs(long ms) {
        return new EmbeddedLogConfig(
                flushPolicy,
                flushIntervalMs,
                maxBatchBytes,
                indexIntervalBytes,
                maxIndexBytes,
                maintenanceIntervalMs,
                verifyCrcOnFetch,
                offsetsTopicPartitions,
                ms);
    }
}
