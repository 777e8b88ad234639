/**
 * Continuous operators: each consumes a changelog and produces one, synchronously.
 *
 * <h2>Rows</h2>
 *
 * A row is an {@code Object[]} in Calcite's internal representation: BOOLEAN {@link
 * java.lang.Boolean}, SMALLINT {@link java.lang.Short}, INT {@link java.lang.Integer}, BIGINT {@link
 * java.lang.Long}, REAL {@link java.lang.Float}, DOUBLE {@link java.lang.Double}, DECIMAL {@link
 * java.math.BigDecimal}, VARCHAR/TEXT/JSONB {@link java.lang.String}, BYTEA {@link
 * org.apache.calcite.avatica.util.ByteString}, DATE {@code Integer} (days since 1970-01-01), TIME
 * {@code Integer} (ms of the day), TIMESTAMP/TIMESTAMPTZ {@code Long} (epoch ms), INTERVAL {@code
 * Long} (ms), ARRAY {@link java.util.List}, MAP {@link java.util.Map}, STRUCT {@code Object[]}; SQL
 * NULL is {@code null}. A row handed to a {@link dev.sluice.executor.stream.ChangeCollector} is never
 * modified afterwards, by the sender or the receiver: operators keep references to rows they receive
 * (e.g. the last row per key) and to rows they emit (the last result per group).
 *
 * <h2>Change kinds</h2>
 *
 * {@link dev.sluice.common.RowKind}: +I adds a row, -D removes one, and an update is the adjacent
 * pair -U (old row) then +U (new row). A retract changelog only ever retracts rows it emitted
 * before. An upsert changelog (a table's topic) says "the row for this key is now X" with +I/+U and
 * "delete this key" with -D; {@link dev.sluice.executor.stream.ChangelogNormalizeOperator} turns it
 * into a retract changelog.
 *
 * <h2>Operators</h2>
 *
 * A {@link dev.sluice.executor.stream.StreamOperator} takes its downstream collector as the last
 * constructor argument. {@link dev.sluice.executor.stream.CalcOperator} filters and projects and
 * rewrites update pairs whose predicate flips; {@link
 * dev.sluice.executor.stream.GroupAggregateOperator} maintains GROUP BY aggregates (and DISTINCT, a
 * group without calls) under retraction; {@link dev.sluice.executor.stream.ChangelogNormalizeOperator}
 * normalizes upserts.
 *
 * <h2>Mini-batches</h2>
 *
 * {@link dev.sluice.executor.stream.StreamOperator#flush()} is called at the end of each input batch
 * and before each checkpoint, upstream operators first. Operators may hold output back until then:
 * the aggregate emits each changed group once per flush, so a batch of a thousand inserts into one
 * group costs one -U/+U pair, not a thousand, and a group whose result did not change emits nothing.
 *
 * <h2>State</h2>
 *
 * At a checkpoint, after {@code flush()}, {@link
 * dev.sluice.executor.stream.StreamOperator#snapshot} writes the state changes since the previous
 * snapshot as opaque key/value bytes (a null value deletes the key; a key appears at most once per
 * snapshot). On recovery, a new operator instance gets {@link
 * dev.sluice.executor.stream.StreamOperator#restore} once per live key, in any order, with the last
 * value written, before any input; it then continues exactly as the snapshotted instance would have
 * (the output of a restored instance equals that of an uninterrupted one). Values are encoded with
 * {@link dev.sluice.executor.stream.ValueCodec}; keys are the normalized key values (see {@code Keys})
 * encoded by a {@link dev.sluice.executor.stream.StateKeyEncoder}: the planner gives keyed operators
 * memcomparable keys ({@code KeyCodec}, so RocksDB holds groups in SQL order), except for queries
 * created before that, which keep {@code ValueCodec} keys (deterministic, not ordered).
 *
 * <h2>Read-through state</h2>
 *
 * Instead of {@code restore}, a persistent query with a local RocksDB copy of its state calls {@link
 * dev.sluice.executor.stream.StreamOperator#readThrough} with a {@link
 * dev.sluice.executor.stream.StateReader} on that copy and a cache bound. The operator's heap is then
 * a cache: a key it does not hold is read from the reader; entries changed since the last snapshot
 * (deletions as tombstones) never leave the heap; after the query has applied a snapshot to the copy
 * it calls {@link dev.sluice.executor.stream.StreamOperator#checkpointApplied}, and only then are
 * that snapshot's tombstones dropped and unchanged entries evicted down to the bound. An entry thus
 * leaves the heap only when the reader returns exactly its value, so the operator behaves as if all
 * its state were on the heap. Between {@code snapshot} and {@code checkpointApplied} no input
 * arrives.
 */
package dev.sluice.executor.stream;
