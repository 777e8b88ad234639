/**
 * The embedded single-node backend of {@link dev.sluice.logengine.PartitionedLog}: {@link
 * dev.sluice.logengine.embedded.EmbeddedLog} (topics, data directory layout, clean-shutdown marker),
 * group commit ({@code GroupCommitFlusher}), event-driven long-poll fetches, the {@code
 * __consumer_offsets} topic ({@code GroupOffsetStore}) and the transaction coordinator ({@code
 * TransactionCoordinator}).
 */
package dev.sluice.logengine.embedded;
