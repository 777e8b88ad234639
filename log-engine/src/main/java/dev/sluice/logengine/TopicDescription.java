package dev.sluice.logengine;

import java.util.List;

/** A topic's spec and the state of its partitions. */
public record TopicDescription(String name, TopicSpec spec, List<PartitionInfo> partitions) {}
