package dev.sluice.logengine;

import dev.sluice.logengine.record.CompressionType;

/**
 * How a topic is laid out and kept. {@code retentionMs}/{@code retentionBytes} of -1 mean unlimited
 * ({@code retentionBytes} is per partition, as in Kafka). {@code deleteRetentionMs} is how long
 * compaction keeps tombstones after it first sees them. {@code compression} is the codec batches are
 * stored with (Kafka's topic {@code compression.type} with a codec): a batch that arrives with another
 * codec is re-encoded on append; fetches decompress transparently when records are read.
 */
public record TopicSpec(
        int partitions,
        CleanupPolicy cleanupPolicy,
        long retentionMs,
        long retentionBytes,
        int segmentBytes,
        long segmentMs,
        long deleteRetentionMs,
        CompressionType compression) {

    public static final int DEFAULT_SEGMENT_BYTES = 1 << 30;
    public static final long DEFAULT_SEGMENT_MS = 7L * 24 * 3600 * 1000;
    public static final long DEFAULT_RETENTION_MS = 7L * 24 * 3600 * 1000;
    public static final long DEFAULT_DELETE_RETENTION_MS = 24L * 3600 * 1000;

    public TopicSpec {
        if (partitions < 1) {
            throw new InvalidTopicException("a topic needs at least one partition, got " + partitions);
        }
        if (segmentBytes < 1024) {
            throw new InvalidTopicException("segment bytes must be at least 1024, got " + segmentBytes);
        }
        if (segmentMs < 1 || deleteRetentionMs < 0) {
            throw new InvalidTopicException("segment ms must be positive and delete retention not negative");
        }
        if (cleanupPolicy == null) {
            throw new InvalidTopicException("cleanup policy is required");
        }
        if (compression == null) {
            throw new InvalidTopicException("compression is required (none, gzip, snappy, lz4 or zstd)");
        }
    }

    /** A spec without compression (the layout before compression existed). */
    public TopicSpec(
            int partitions,
            CleanupPolicy cleanupPolicy,
            long retentionMs,
            long retentionBytes,
            int segmentBytes,
            long segmentMs,
            long deleteRetentionMs) {
        this(
                partitions,
                cleanupPolicy,
                retentionMs,
                retentionBytes,
                segmentBytes,
                segmentMs,
                deleteRetentionMs,
                CompressionType.NONE);
    }

    /** Kafka's defaults: delete policy, 7 days retention, unlimited bytes, 1 GiB segments rolled weekly. */
    public static TopicSpec of(int partitions) {
        return new TopicSpec(
                partitions,
                CleanupPolicy.DELETE,
                DEFAULT_RETENTION_MS,
                -1,
                DEFAULT_SEGMENT_BYTES,
                DEFAULT_SEGMENT_MS,
                DEFAULT_DELETE_RETENTION_MS);
    }

    public TopicSpec withCleanupPolicy(CleanupPolicy policy) {
        return new TopicSpec(
                partitions,
                policy,
                retentionMs,
                retentionBytes,
                segmentBytes,
                segmentMs,
                deleteRetentionMs,
                compression);
    }

    public TopicSpec withRetention(long ms, long bytes) {
        return new TopicSpec(
                partitions, cleanupPolicy, ms, bytes, segmentBytes, segmentMs, deleteRetentionMs, compression);
    }

    public TopicSpec withSegment(int bytes, long ms) {
        return new TopicSpec(
                partitions, cleanupPolicy, retentionMs, retentionBytes, bytes, ms, deleteRetentionMs, compression);
    }

    public TopicSpec withDeleteRetentionMs(long ms) {
        return new TopicSpec(
                partitions, cleanupPolicy, retentionMs, retentionBytes, segmentBytes, segmentMs, ms, compression);
    }

    /** Topic config {@code compression = none|gzip|snappy|lz4|zstd}. */
    public TopicSpec withCompression(CompressionType codec) {
        return new TopicSpec(
                partitions,
                cleanupPolicy,
                retentionMs,
                retentionBytes,
                segmentBytes,
                segmentMs,
                deleteRetentionMs,
                codec);
    }
}
