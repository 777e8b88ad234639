/**
 * The log engine: topics, partitions, segments, indexes, retention, compaction, producer ids and
 * consumer offsets. Knows nothing of SQL: bytes in, bytes out.
 *
 * <h2>The seam: {@link dev.sluice.logengine.PartitionedLog}</h2>
 *
 * One interface, three backends. The embedded backend ({@code embedded.EmbeddedLog}) is the default;
 * a replicated backend (Apache Ratis: one Raft entry per batch, partitions grouped into few Raft
 * groups, each group's state machine owning {@code storage.PartitionLog}s) and an Apache Kafka backend
 * (kafka-clients 4.x) implement the same interface later. Rules that keep them swappable:
 *
 * <ul>
 *   <li>The Kafka v2 record batch ({@code record.RecordBatch}) is the unit in the API and on disk, so
 *       the Kafka backend passes batches through byte for byte. The row change kind travels in the
 *       record attributes byte (0..3).
 *   <li>Offsets are int64, increase monotonically and may be sparse (transaction markers, compaction):
 *       never assume {@code next = last + 1}; use {@link dev.sluice.logengine.FetchResult#nextOffset()}.
 *   <li>Readers never see data at or above the high watermark, nor, with {@code READ_COMMITTED}, at or
 *       above the last stable offset. The embedded backend filters aborted and control batches on the
 *       server side; a Kafka backend gets the same effect from a {@code read_committed} consumer; a Ratis
 *       backend reuses this package's filtering on each replica.
 *   <li>Writes return futures completed when the write is durable by the backend's rule (embedded:
 *       written, or fsynced with {@code log.flush = always}; Ratis: committed by a majority; Kafka:
 *       acks=all). Idempotence is by (producer id, epoch, sequence) in every backend.
 *   <li>Consumer-group offsets live in an internal compacted topic in every backend. Offsets committed
 *       inside a producer transaction ({@code commitOffsetsInTransaction}, Kafka's TxnOffsetCommit)
 *       become visible only when that transaction commits (Kafka backend: {@code
 *       sendOffsetsToTransaction}).
 *   <li>Errors are {@link dev.sluice.logengine.LogException} subclasses, one per condition a caller can
 *       act on; backends map their native errors onto them.
 * </ul>
 *
 * <p>Sub-packages: {@code record} (the batch format), {@code storage} (segments, indexes, one
 * partition's log, recovery, producer state, compaction), {@code embedded} (the single-node backend:
 * topics, group commit, long-poll, offsets, transaction coordinator).
 */
package dev.sluice.logengine;
