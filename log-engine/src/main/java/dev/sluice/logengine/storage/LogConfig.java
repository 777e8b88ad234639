package dev.sluice.logengine.storage;

import dev.sluice.logengine.record.CompressionType;

/**
 * Settings of one partition log (the topic's spec plus engine-wide limits).
 *
 * @param flushAlways when true the high watermark only moves after an fsync (log.flush = always), so no
 *     reader sees data a power loss could take back
 * @param compression the codec batches are stored with; others are re-encoded on append
 * @param producerIdExpirationMs {@code producer.id.expiration.ms}: the state of a producer id that has
 *     written nothing here for this long (and has no open transaction) is dropped, as in Kafka
 */
public record LogConfig(
        int segmentBytes,
        long segmentMs,
        long retentionMs,
        long retentionBytes,
        boolean compact,
        long deleteRetentionMs,
        int maxBatchBytes,
        int indexIntervalBytes,
        int maxIndexBytes,
        boolean verifyCrcOnFetch,
        boolean flushAlways,
        long producerIdExpirationMs,
        CompressionType compression) {

    /** Kafka's default {@code producer.id.expiration.ms}: one day. */
    public static final long DEFAULT_PRODUCER_ID_EXPIRATION_MS = 24L * 3600 * 1000;

    public static LogConfig defaults() {
        return new LogConfig(
                1 << 30,
                7L * 24 * 3600 * 1000,
                -1,
                -1,
                false,
                24L * 3600 * 1000,
                8 << 20,
                4096,
                10 << 20,
                true,
                false,
                DEFAULT_PRODUCER_ID_EXPIRATION_MS,
                CompressionType.NONE);
    }

    public LogConfig withSegment(int bytes, long ms) {
        return new LogConfig(
                bytes,
                ms,
                retentionMs,
                retentionBytes,
                compact,
                deleteRetentionMs,
                maxBatchBytes,
                indexIntervalBytes,
                maxIndexBytes,
                verifyCrcOnFetch,
                flushAlways,
                producerIdExpirationMs,
                compression);
    }

    public LogConfig withRetention(long ms, long bytes) {
        return new LogConfig(
                segmentBytes,
                segmentMs,
                ms,
                bytes,
                compact,
                deleteRetentionMs,
                maxBatchBytes,
                indexIntervalBytes,
                maxIndexBytes,
                verifyCrcOnFetch,
                flushAlways,
                producerIdExpirationMs,
                compression);
    }

    public LogConfig withCompaction(boolean compact, long deleteRetentionMs) {
        return new LogConfig(
                segmentBytes,
                segmentMs,
                retentionMs,
                retentionBytes,
                compact,
                deleteRetentionMs,
                maxBatchBytes,
                indexIntervalBytes,
                maxIndexBytes,
                verifyCrcOnFetch,
                flushAlways,
                producerIdExpirationMs,
                compression);
    }

    public LogConfig withLimits(int maxBatchBytes, int indexIntervalBytes, int maxIndexBytes) {
        return new LogConfig(
                segmentBytes,
                segmentMs,
                retentionMs,
                retentionBytes,
                compact,
                deleteRetentionMs,
                maxBatchBytes,
                indexIntervalBytes,
                maxIndexBytes,
                verifyCrcOnFetch,
                flushAlways,
                producerIdExpirationMs,
                compression);
    }

    public LogConfig withFlushAlways(boolean always) {
        return new LogConfig(
                segmentBytes,
                segmentMs,
                retentionMs,
                retentionBytes,
                compact,
                deleteRetentionMs,
                maxBatchBytes,
                indexIntervalBytes,
                maxIndexBytes,
                verifyCrcOnFetch,
                always,
                producerIdExpirationMs,
                compression);
    }

    public LogConfig withProducerIdExpirationMs(long ms) {
        return new LogConfig(
                segmentBytes,
                segmentMs,
                retentionMs,
                retentionBytes,
                compact,
                deleteRetentionMs,
                maxBatchBytes,
                indexIntervalBytes,
                maxIndexBytes,
                verifyCrcOnFetch,
                flushAlways,
                ms,
                compression);
    }

    public LogConfig withCompression(CompressionType codec) {
        return new LogConfig(
                segmentBytes,
                segmentMs,
                retentionMs,
                retentionBytes,
                compact,
                deleteRetentionMs,
                maxBatchBytes,
                indexIntervalBytes,
                maxIndexBytes,
                verifyCrcOnFetch,
                flushAlways,
                producerIdExpirationMs,
                codec);
    }
}
