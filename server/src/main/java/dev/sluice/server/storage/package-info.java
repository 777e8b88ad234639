/**
 * Where a server keeps everything: the log ({@code <data-dir>/log}), materialized state ({@code
 * <data-dir>/state}) and the catalog, which is itself a compacted log topic ({@code
 * __sluice_catalog}).
 *
 * <p>{@link dev.sluice.server.storage.Storage} opens them in order (log, catalog replay, state, one
 * materializer per table), cleans up what a crash in the middle of a DDL left behind (topics and
 * state no catalog entry refers to), and closes them in reverse. {@link
 * dev.sluice.server.storage.RowWriter} is the write path: rows are encoded ({@code RowCodec}),
 * keyed ({@code KeyCodec}), partitioned by key hash (round-robin without a key) and appended
 * through one idempotent producer; the call returns once every batch is durable.
 */
package dev.sluice.server.storage;
