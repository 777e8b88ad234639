package dev.sluice.logengine;

/** A producer id and epoch handed out by {@link PartitionedLog#initProducer(String)}. */
public record ProducerIdentity(long producerId, short epoch) {}
