/**
 * The executor: continuous operators over changelogs, state in RocksDB, barriers and checkpoints, sources and sinks on the log, pull-query serving.
 */
package dev.sluice.executor;
