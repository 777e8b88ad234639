/**
 * The built-in Nexmark data generator: the standard Person/Auction/Bid auction workload of the
 * Nexmark streaming benchmark, behind {@code CREATE SOURCE ... WITH (connector = 'nexmark', ...)}
 * and the Nexmark benchmarks in {@code bench/}.
 *
 * <p>{@link dev.sluice.executor.nexmark.NexmarkConfig} holds what to generate, {@link
 * dev.sluice.executor.nexmark.NexmarkTable} the schemas, and {@link
 * dev.sluice.executor.nexmark.NexmarkGenerator} produces one table's rows for one partition,
 * deterministically in (seed, event index), so it can be split and resumed from a checkpointed
 * event index.
 *
 * <p>Where this differs from Flink's generator, and why: one re-seeded SplitMix64 instead of a new
 * {@code java.util.Random} per event, and random strings cut from a seeded pool instead of drawn
 * character by character (both for speed; the distributions of lengths, ids, prices and choices
 * are the standard ones). Rows are therefore not byte-identical to Flink's for the same seed. The
 * out-of-order option and the rate shapes (sine/square) are not implemented, and the generator does
 * not throttle to the event rate.
 */
package dev.sluice.executor.nexmark;
