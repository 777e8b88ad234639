package dev.sluice.logengine;

/** The offsets and size of one partition, as {@link PartitionedLog#describeTopic(String)} reports them. */
public record PartitionInfo(
        int partition, long logStartOffset, long highWatermark, long lastStableOffset, long sizeBytes, int segments) {}
