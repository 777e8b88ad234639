package dev.sluice.server.storage;

import dev.sluice.common.Row;
import dev.sluice.common.RowKind;
import dev.sluice.common.types.Column;
import dev.sluice.common.types.Schema;
import dev.sluice.common.types.SqlType;
import dev.sluice.executor.codec.KeyCodec;
import dev.sluice.executor.codec.Partitioner;
import dev.sluice.executor.codec.RowCodec;
import dev.sluice.logengine.AppendResult;
import dev.sluice.logengine.PartitionedLog;
import dev.sluice.logengine.ProducerIdentity;
import dev.sluice.logengine.TopicPartition;
import dev.sluice.logengine.record.RecordBatchBuilder;
import dev.sluice.planner.catalog.Relation;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Appends rows to a relation's topic. Rows must already be validated (types, NOT NULL): this class
 * only encodes and places them.
 *
 * <ol>
 *   <li>Encode each row: key = {@link KeyCodec} of the key columns (none for a stream without a
 *       key), value = {@link RowCodec} (null for a delete: a tombstone), timestamp = the timestamp
 *       column or the ingest time, change kind in the record attributes.
 *   <li>Place it: partition by murmur2 of the key; without a key, all rows of one call go to one
 *       partition, and calls rotate over the partitions.
 *   <li>Append one batch per partition, either with the server's idempotent producer ({@link
 *       #write}: sequence numbers are taken and the append issued under a per-partition lock, so
 *       batches reach the log in sequence order with many concurrent writers) or inside a log
 *       transaction ({@link #begin}) when a statement must be atomic across partitions.
 *   <li>Wait until every batch is durable; return the next offset per partition, for
 *       read-your-writes.
 * </ol>
 */
public final class RowWriter {
    private final PartitionedLog log;
    private volatile ProducerIdentity producer;
    private volatile Map<TopicPartition, int[]> sequences = new ConcurrentHashMap<>();
    private final AtomicInteger roundRobin = new AtomicInteger();

    RowWriter(PartitionedLog log) {
        this.log = log;
        this.producer = log.initProducer(null);
    }

    /** The outcome of a write: per partition, the offset after the last written record. */
    public record Written(Map<Integer, Long> nextOffsets, int rows) {}

    /** Writes rows with the idempotent producer; atomic per partition. */
    public Written write(Relation relation, List<Row> rows) {
        return writeBatches(relation, encode(relation, rows), rows.size());
    }

    /**
     * Writes rows all or nothing: rows that land in one partition are one batch of the idempotent
     * producer; rows spread over several partitions are one log transaction ({@code
     * transactionalId}). The rows are encoded once either way.
     */
    public Written writeAtomically(Relation relation, List<Row> rows, String transactionalId) {
        Map<Integer, RecordBatchBuilder> batches = encode(relation, rows);
        if (batches.size() <= 1) {
            return writeBatches(relation, batches, rows.size());
        }
        Transaction txn = begin(transactionalId);
        try {
            for (var e : batches.entrySet()) {
                txn.append(relation, e.getKey(), e.getValue());
            }
            txn.commit();
            return txn.awaitAppended();
        } catch (RuntimeException e) {
            txn.abort();
            throw e;
        }
    }

    private Written writeBatches(Relation relation, Map<Integer, RecordBatchBuilder> batches, int rows) {
        List<CompletableFuture<AppendResult>> futures = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        ProducerIdentity p = producer;
        Map<TopicPartition, int[]> seqs = sequences;
        for (var e : batches.entrySet()) {
            TopicPartition tp = new TopicPartition(relation.topic(), e.getKey());
            int[] seq = seqs.computeIfAbsent(tp, t -> new int[1]);
            synchronized (seq) {
                RecordBatchBuilder b = e.getValue();
                int count = b.recordCount();
                b.producer(p.producerId(), p.epoch(), seq[0]);
                futures.add(log.append(tp, b.build()));
                seq[0] += count;
            }
            order.add(e.getKey());
        }
        return await(futures, order, rows, p);
    }

    /**
     * Opens a write transaction: batches appended through it become visible all at once on {@link
     * Transaction#commit} (readers read committed data only) and never after {@link
     * Transaction#abort}.
     */
    public Transaction begin(String transactionalId) {
        return new Transaction(log.initProducer(transactionalId));
    }

    /** An open write transaction; used by one statement at a time. */
    public final class Transaction {
        /** Appends not yet waited for, at most this many (they wait for the flush in log.flush = always). */
        private static final int MAX_IN_FLIGHT = 8;

        private final ProducerIdentity txnProducer;
        private final Map<TopicPartition, int[]> txnSequences = new HashMap<>();
        private final ArrayDeque<CompletableFuture<AppendResult>> inFlight = new ArrayDeque<>();
        private final ArrayDeque<Integer> inFlightPartitions = new ArrayDeque<>();
        private final Map<Integer, Long> appendedNext = new HashMap<>();
        private int appendedRows;
        private boolean open = true;

        private Transaction(ProducerIdentity producer) {
            this.txnProducer = producer;
        }

        public Written write(Relation relation, List<Row> rows) {
            Map<Integer, RecordBatchBuilder> batches = encode(relation, rows);
            List<CompletableFuture<AppendResult>> futures = new ArrayList<>();
            List<Integer> order = new ArrayList<>();
            for (var e : batches.entrySet()) {
                futures.add(appendBatch(relation, e.getKey(), e.getValue()));
                order.add(e.getKey());
            }
            return await(futures, order, rows.size(), null);
        }

        /**
         * Appends an encoded batch to one partition of the relation without waiting for it (at most
         * a few appends are in flight); {@link #awaitAppended} waits for all of them.
         */
        public void append(Relation relation, int partition, RecordBatchBuilder batch) {
            int count = batch.recordCount();
            inFlight.add(appendBatch(relation, partition, batch));
            inFlightPartitions.add(partition);
            appendedRows += count;
            while (inFlight.size() > MAX_IN_FLIGHT) {
                completeOldest();
            }
        }

        /** Waits for every batch given to {@link #append}; per partition, the offset after the last. */
        public Written awaitAppended() {
            while (!inFlight.isEmpty()) {
                completeOldest();
            }
            return new Written(Map.copyOf(appendedNext), appendedRows);
        }

        private void completeOldest() {
            CompletableFuture<AppendResult> f = inFlight.poll();
            int partition = inFlightPartitions.poll();
            appendedNext.merge(partition, join(f).lastOffset() + 1, Math::max);
        }

        private CompletableFuture<AppendResult> appendBatch(Relation relation, int partition, RecordBatchBuilder b) {
            TopicPartition tp = new TopicPartition(relation.topic(), partition);
            int[] seq = txnSequences.computeIfAbsent(tp, t -> new int[1]);
            int count = b.recordCount();
            b.producer(txnProducer.producerId(), txnProducer.epoch(), seq[0]).transactional(true);
            CompletableFuture<AppendResult> f = log.append(tp, b.build());
            seq[0] += count;
            return f;
        }

        /** Waits for every append, then commits. */
        public void commit() {
            awaitAppended();
            if (open) {
                open = false;
                join(log.endTransaction(txnProducer, true));
            }
        }

        public void abort() {
            inFlight.clear();
            inFlightPartitions.clear();
            if (open) {
                open = false;
                try {
                    log.endTransaction(txnProducer, false).join();
                } catch (RuntimeException e) {
                    // The next initProducer with this id aborts whatever is still open.
                }
            }
        }
    }

    /**
     * A producer for a sequence of transactions (a persistent query's checkpoints): one producer id
     * and epoch for its life, sequence numbers continuing across transactions, as the log's
     * idempotence requires. Creating it fences every older producer with the same id and aborts the
     * transaction it left open. Used by one thread.
     */
    public TransactionalProducer transactionalProducer(String transactionalId) {
        return new TransactionalProducer(log.initProducer(transactionalId));
    }

    /** See {@link #transactionalProducer}. */
    public final class TransactionalProducer {
        private final ProducerIdentity txnProducer;
        private final Map<TopicPartition, int[]> txnSequences = new HashMap<>();
        private final List<CompletableFuture<AppendResult>> pending = new ArrayList<>();
        private final List<TopicPartition> pendingPartitions = new ArrayList<>();
        private boolean open;

        private TransactionalProducer(ProducerIdentity producer) {
            this.txnProducer = producer;
        }

        /** Appends rows inside the open transaction (opening one if needed); returns at once. */
        public void write(Relation relation, List<Row> rows) {
            write(relation, rows, null);
        }

        /**
         * As {@link #write(Relation, List)}, with each row's event time (ms; -1 = now) for a
         * relation without a timestamp column; null to use the time of writing.
         */
        public void write(Relation relation, List<Row> rows, long[] timestamps) {
            for (var e : encode(relation, rows, timestamps).entrySet()) {
                append(new TopicPartition(relation.topic(), e.getKey()), e.getValue());
            }
        }

        /** Appends raw key/value records (value null = tombstone) to one partition. */
        public void writeRaw(TopicPartition tp, List<byte[][]> records) {
            if (records.isEmpty()) {
                return;
            }
            long now = System.currentTimeMillis();
            RecordBatchBuilder b = RecordBatchBuilder.create();
            for (byte[][] kv : records) {
                b.append(now, RowKind.INSERT.toByteValue(), kv[0], kv[1]);
            }
            append(tp, b);
        }

        /** Appends a batch built by the caller (e.g. a repartition topic's changes) to one partition. */
        public void writeBatch(TopicPartition tp, RecordBatchBuilder b) {
            if (b.recordCount() > 0) {
                append(tp, b);
            }
        }

        private void append(TopicPartition tp, RecordBatchBuilder b) {
            open = true;
            int[] seq = txnSequences.computeIfAbsent(tp, t -> new int[1]);
            int count = b.recordCount();
            b.producer(txnProducer.producerId(), txnProducer.epoch(), seq[0]).transactional(true);
            pending.add(log.append(tp, b.build()));
            pendingPartitions.add(tp);
            seq[0] += count;
        }

        /**
         * Waits for every append, then commits. Returns, per partition appended to, the offset after
         * the last record appended.
         */
        public Map<TopicPartition, Long> commit() {
            Map<TopicPartition, Long> next = new HashMap<>();
            try {
                for (int i = 0; i < pending.size(); i++) {
                    AppendResult r = pending.get(i).join();
                    next.merge(pendingPartitions.get(i), r.lastOffset() + 1, Math::max);
                }
            } catch (CompletionException e) {
                throw unwrap(e);
            } finally {
                pending.clear();
                pendingPartitions.clear();
            }
            if (open) {
                open = false;
                join(log.endTransaction(txnProducer, true));
            }
            return next;
        }

        /** Aborts the open transaction, if any (best effort: a fenced producer's is aborted anyway). */
        public void abort() {
            pending.clear();
            pendingPartitions.clear();
            if (open) {
                open = false;
                try {
                    log.endTransaction(txnProducer, false).join();
                } catch (RuntimeException e) {
                    // The next producer with this id aborts whatever is still open.
                }
            }
        }
    }

    private Written await(
            List<CompletableFuture<AppendResult>> futures, List<Integer> order, int rows, ProducerIdentity p) {
        Map<Integer, Long> next = new HashMap<>();
        try {
            for (int i = 0; i < futures.size(); i++) {
                next.put(order.get(i), futures.get(i).join().lastOffset() + 1);
            }
        } catch (CompletionException e) {
            if (p != null) {
                // A failed append leaves a gap in this producer's sequence numbers, which the log
                // would reject from then on: start over with a fresh producer id.
                resetProducer(p);
            }
            throw unwrap(e);
        }
        return new Written(next, rows);
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw unwrap(e);
        }
    }

    private static RuntimeException unwrap(CompletionException e) {
        return e.getCause() instanceof RuntimeException re ? re : e;
    }

    private Map<Integer, RecordBatchBuilder> encode(Relation relation, List<Row> rows) {
        return encode(relation, rows, null);
    }

    private Map<Integer, RecordBatchBuilder> encode(Relation relation, List<Row> rows, long[] timestamps) {
        int partitions = relation.topicSettings().partitions();
        Schema schema = relation.schema();
        int[] keyIndexes = schema.keyIndexes();
        List<SqlType> keyTypes = schema.keyColumns().stream().map(Column::type).toList();
        int tsIndex = relation.timestampColumn() == null
                ? -1
                : schema.indexOf(relation.timestampColumn()).orElseThrow();
        long now = System.currentTimeMillis();
        Map<Integer, RecordBatchBuilder> batches = new HashMap<>();
        int unkeyedPartition = keyIndexes.length == 0 ? Math.floorMod(roundRobin.getAndIncrement(), partitions) : 0;
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            byte[] key = null;
            int partition = unkeyedPartition;
            if (keyIndexes.length > 0) {
                Object[] keyValues = new Object[keyIndexes.length];
                for (int k = 0; k < keyIndexes.length; k++) {
                    keyValues[k] = row.get(keyIndexes[k]);
                }
                key = KeyCodec.encode(keyTypes, keyValues);
                partition = Partitioner.partition(key, partitions);
            }
            byte[] value = row.kind() == RowKind.DELETE ? null : RowCodec.encode(schema, row);
            long timestamp = tsIndex >= 0 && row.get(tsIndex) != null
                    ? epochMillis(row.get(tsIndex))
                    : timestamps != null && timestamps[i] >= 0 ? timestamps[i] : now;
            batches.computeIfAbsent(partition, x -> RecordBatchBuilder.create())
                    .append(timestamp, row.kind().toByteValue(), key, value);
        }
        return batches;
    }

    /** The partition for the next batch of rows without a key: batches rotate over the partitions. */
    public int nextUnkeyedPartition(int partitions) {
        return Math.floorMod(roundRobin.getAndIncrement(), partitions);
    }

    private synchronized void resetProducer(ProducerIdentity failed) {
        if (producer == failed) {
            producer = log.initProducer(null);
            sequences = new ConcurrentHashMap<>();
        }
    }

    /** Event time in epoch milliseconds from a timestamp column value. */
    public static long epochMillis(Object value) {
        if (value instanceof LocalDateTime t) {
            return t.toInstant(ZoneOffset.UTC).toEpochMilli();
        }
        if (value instanceof Instant i) {
            return i.toEpochMilli();
        }
        if (value instanceof java.time.LocalDate d) {
            return d.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
        }
        return ((Number) value).longValue();
    }
}
