/**
 * Materialized state in RocksDB: the current rows of tables and views, kept up to date from their
 * changelog topics and read by pull queries.
 *
 * <p>One RocksDB instance per server ({@code <data-dir>/state}), one column family per relation.
 * Keys are {@link dev.sluice.executor.codec.KeyCodec} bytes of the primary key; values are {@link
 * dev.sluice.executor.state.StoredValue}s. The offset of the changelog each partition has been
 * applied up to is written in the same {@code WriteBatch} as the rows it covers, so state and
 * progress can never disagree. RocksDB's WAL is off: after a crash the state is whatever the last
 * flush held, with matching offsets, and the materializer re-applies the changelog from there
 * (applying an upsert or a tombstone twice gives the same state).
 *
 * <p>Persistent queries keep a local copy of their committed operator state here too, one column
 * family {@code query-<oid>} each ({@link dev.sluice.executor.state.QueryState}), with the offset
 * of the query's state changelog it reaches. Their operators read through to it ({@link
 * dev.sluice.executor.state.QueryState#get}) and keep only a bounded cache on the heap, so operator
 * state may be larger than the heap; see docs/continuous-queries.md.
 */
package dev.sluice.executor.state;
