package dev.sluice.logengine;

import dev.sluice.logengine.record.RecordBatch;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * Topics of partitioned, append-only logs of Kafka v2 record batches: the seam between Sluice and its
 * storage backends (embedded, replicated with Apache Ratis, Apache Kafka). See {@code package-info}
 * for the contract every backend keeps.
 *
 * <p>Operations that change state return futures that complete when the change is durable by the
 * backend's rule; a failure completes the future exceptionally with a {@link LogException}. Reads are
 * synchronous and never return data at or above the high watermark (or, for {@link
 * IsolationLevel#READ_COMMITTED}, the last stable offset).
 */
public interface PartitionedLog extends AutoCloseable {
    /**
     * Names starting with {@code __} are internal to the log (consumer offsets, transaction state)
     * and cannot be created, except those starting with this prefix: the system topics Sluice keeps
     * for itself (the catalog, persistent queries' state). Like every {@code __} topic they are left
     * out of {@link #listTopics()}; unlike the log's own, they can be deleted (a dropped query's state).
     */
    String SYSTEM_TOPIC_PREFIX = "__sluice_";

    Capabilities capabilities();

    /** Creates a topic; fails with {@link TopicExistsException} or {@link InvalidTopicException}. */
    CompletableFuture<Void> createTopic(String topic, TopicSpec spec);

    /** Deletes a topic and all its data; fails with {@link UnknownTopicOrPartitionException}. */
    CompletableFuture<Void> deleteTopic(String topic);

    Optional<TopicDescription> describeTopic(String topic);

    /** User topics, sorted (internal topics whose names start with "__" are left out). */
    List<String> listTopics();

    /** Sluice's system topics (names starting with {@link #SYSTEM_TOPIC_PREFIX}), sorted. */
    List<String> listSystemTopics();

    /**
     * Appends one batch to a partition. The batch's producer fields make it idempotent (a retry of one
     * of the last five batches completes with the original offsets and {@code duplicate = true}) and,
     * when the transactional attribute is set, part of the producer's open transaction. The log assigns
     * offsets to its stored copy; the caller's batch bytes are not modified, so a batch object may be
     * appended again (or to several partitions at once).
     */
    CompletableFuture<AppendResult> append(TopicPartition tp, RecordBatch batch);

    /**
     * Reads batches from {@code offset}, up to about {@code maxBytes} (at least one whole batch). The
     * first batch may start below {@code offset}. Throws {@link OffsetOutOfRangeException} below the log
     * start offset or above the high watermark.
     */
    FetchResult fetch(TopicPartition tp, long offset, int maxBytes, IsolationLevel isolation);

    /**
     * Like {@link #fetch} but, when nothing is available yet, waits until an append makes data visible
     * or {@code maxWait} passes (then completes with an empty result). Waiting is event-driven.
     */
    CompletableFuture<FetchResult> fetchWait(
            TopicPartition tp, long offset, int maxBytes, IsolationLevel isolation, Duration maxWait);

    /**
     * Deletes records below {@code offset} that no reader needs any more (Kafka's DeleteRecords): whole
     * segments, so the new log start offset may stay below {@code offset}. Returns it.
     */
    long deleteRecordsBefore(TopicPartition tp, long offset);

    /** The earliest offset whose record timestamp is >= {@code timestampMs}, if any. */
    OptionalLong offsetForTimestamp(TopicPartition tp, long timestampMs);

    /**
     * Hands out a producer id and epoch. With a {@code transactionalId} the same id comes back with a
     * bumped epoch, which fences older instances and aborts the transaction they left open.
     */
    ProducerIdentity initProducer(String transactionalId);

    /**
     * Commits or aborts the producer's open transaction in every partition it wrote to, by writing a
     * control batch to each. Atomic: after a crash the decision is completed on restart.
     */
    CompletableFuture<Void> endTransaction(ProducerIdentity producer, boolean commit);

    /** Stores consumer-group offsets (in an internal compacted topic in every backend). */
    CompletableFuture<Void> commitOffsets(String group, Map<TopicPartition, Long> offsets);

    /**
     * Stores consumer-group offsets as part of the producer's open transaction (Kafka's
     * TxnOffsetCommit): {@link #fetchOffsets} shows them only once {@link #endTransaction} commits that
     * transaction; an abort (or a crash before the commit was decided) discards them. This is how a
     * consume-transform-produce loop moves its input position and its output in one atomic step.
     * Fails with {@link InvalidProducerEpochException} if a newer instance fenced the producer.
     */
    CompletableFuture<Void> commitOffsetsInTransaction(
            ProducerIdentity producer, String group, Map<TopicPartition, Long> offsets);

    /** The group's committed offsets. */
    Map<TopicPartition, Long> fetchOffsets(String group);

    @Override
    void close();
}
