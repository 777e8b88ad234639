/**
 * On-disk storage of one partition (after Kafka's storage layer): {@link
 * dev.sluice.logengine.storage.PartitionLog} over {@code LogSegment}s ({@code .log} + sparse mmapped
 * {@code .index}/{@code .timeindex}), recovery ({@code LogLoader}), idempotent/transactional producer
 * state with snapshots, retention, compaction ({@link dev.sluice.logengine.storage.LogCleaner}) and
 * crash-safe checkpoint files ({@link dev.sluice.logengine.storage.CheckpointFile}). File names are in
 * {@link dev.sluice.logengine.storage.LogFiles}. A replicated backend can reuse {@code PartitionLog} as
 * each replica's state.
 */
package dev.sluice.logengine.storage;
