/**
 * Benchmarks: Nexmark generator and queries, ingest, latency and pull-query benchmarks.
 */
package dev.sluice.bench;
