/**
 * Built-in connectors: where rows come from when they are not written by clients ({@code CREATE SOURCE
 * ... WITH (connector = 'nexmark')}) and where a persistent query's output goes when it is not a
 * relation ({@code CREATE SINK ... WITH (connector = 'blackhole')}).
 *
 * <p>A source's rows are not stored: a query reading a source runs the generator itself, one
 * generator per source partition, and checkpoints the generator's event index as the partition's
 * offset. The generator is deterministic in its configuration and the event index, so a query that
 * restarts from a checkpoint sees exactly the rows it would have seen, and two queries over the same
 * source see the same rows.
 */
package dev.sluice.server.connector;
