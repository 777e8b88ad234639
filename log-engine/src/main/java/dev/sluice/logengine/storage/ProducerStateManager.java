package dev.sluice.logengine.storage;

import dev.sluice.logengine.InvalidProducerEpochException;
import dev.sluice.logengine.InvalidRecordException;
import dev.sluice.logengine.InvalidTxnStateException;
import dev.sluice.logengine.OutOfOrderSequenceException;
import dev.sluice.logengine.TopicPartition;
import dev.sluice.logengine.record.RecordBatch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-partition state of idempotent and transactional producers: for each producer id its epoch, the
 * last {@link #BATCHES_TO_RETAIN} batches (sequence range + offsets, so a retry gets its original
 * offsets) and the first offset of its open transaction; plus the aborted transactions (for
 * read_committed filtering). Mutated under the partition's write lock. Persisted by {@link
 * ProducerStateSnapshot} and rebuilt by replaying the log from the last snapshot.
 */
final class ProducerStateManager {
    static final int BATCHES_TO_RETAIN = 5;

    record BatchMetadata(int firstSeq, int lastSeq, long firstOffset, long lastOffset, long timestamp) {}

    record AbortedTxn(long producerId, long firstOffset, long lastOffset) {}

    static final class Entry {
        final long producerId;
        short epoch;
        final ArrayDeque<BatchMetadata> batches = new ArrayDeque<>();
        long currentTxnFirstOffset = -1;
        long lastTimestamp;

        Entry(long producerId, short epoch) {
            this.producerId = producerId;
            this.epoch = epoch;
        }

        int lastSeq() {
            return batches.isEmpty()
                    ? RecordBatch.NO_SEQUENCE
                    : batches.peekLast().lastSeq();
        }
    }

    private final TopicPartition tp;
    final Map<Long, Entry> producers = new HashMap<>();
    /** Open transactions by first offset (the LSO is the smallest key). */
    final TreeMap<Long, Long> ongoing = new TreeMap<>();
    /** Aborted transactions in marker order, i.e. sorted by lastOffset. */
    final List<AbortedTxn> aborted = new ArrayList<>();

    ProducerStateManager(TopicPartition tp) {
        this.tp = tp;
    }

    /**
     * Checks an incoming batch. Returns the metadata of the original batch when this is a retry of one
     * of the last five batches (the caller acknowledges it without writing), otherwise null.
     */
    BatchMetadata validate(RecordBatch batch) {
        long pid = batch.producerId();
        if (pid == RecordBatch.NO_PRODUCER_ID) {
            if (batch.isTransactional()) {
                throw new InvalidRecordException(tp + ": a transactional batch needs a producer id");
            }
            return null;
        }
        if (batch.baseSequence() < 0) {
            throw new InvalidRecordException(tp + ": producer " + pid + " sent a batch without a sequence number");
        }
        Entry e = producers.get(pid);
        int seq = batch.baseSequence();
        if (e == null) {
            if (seq != 0) {
                throw new OutOfOrderSequenceException(tp + ": producer " + pid
                        + " is unknown here (never seen, or its state expired after producer.id.expiration.ms),"
                        + " so its first sequence must be 0, got " + seq);
            }
            return null;
        }
        if (batch.producerEpoch() < e.epoch) {
            throw new InvalidProducerEpochException(tp + ": producer " + pid + " epoch " + batch.producerEpoch()
                    + " is older than the current epoch " + e.epoch + " (fenced)");
        }
        if (batch.producerEpoch() > e.epoch) {
            if (seq != 0) {
                throw new OutOfOrderSequenceException(tp + ": producer " + pid + " started epoch "
                        + batch.producerEpoch() + " with sequence " + seq + ", expected 0");
            }
            if (e.currentTxnFirstOffset >= 0) {
                throw new InvalidTxnStateException(
                        tp + ": producer " + pid + " has an open transaction from epoch " + e.epoch);
            }
            return null;
        }
        for (BatchMetadata m : e.batches) {
            if (m.firstSeq() == seq && m.lastSeq() == batch.lastSequence()) {
                return m;
            }
        }
        int expected = e.lastSeq() == Integer.MAX_VALUE ? 0 : e.lastSeq() + 1;
        if (seq != expected) {
            throw new OutOfOrderSequenceException(tp + ": producer " + pid + " epoch " + e.epoch + " sent sequence "
                    + seq + " but the next expected is " + expected);
        }
        if (!batch.isTransactional() && e.currentTxnFirstOffset >= 0) {
            throw new InvalidTxnStateException(
                    tp + ": producer " + pid + " sent a non-transactional batch inside an open transaction");
        }
        return null;
    }

    /**
     * Checks a transactional batch the log itself writes for a producer (transactional offset commits):
     * it carries no sequence number, so only the epoch (fencing) and the transaction state are checked.
     */
    void validateCoordinatorBatch(RecordBatch batch) {
        if (!batch.isTransactional() || batch.baseSequence() != RecordBatch.NO_SEQUENCE) {
            throw new InvalidRecordException(tp + ": a coordinator batch is transactional and has no sequence");
        }
        Entry e = producers.get(batch.producerId());
        if (e != null && batch.producerEpoch() < e.epoch) {
            throw new InvalidProducerEpochException(tp + ": producer " + batch.producerId() + " epoch "
                    + batch.producerEpoch() + " is older than the current epoch " + e.epoch + " (fenced)");
        }
    }

    /** Records a batch written at its final offsets (also used when replaying the log). */
    void update(RecordBatch batch, long appendTimeMs) {
        update(batch, batch.baseOffset(), appendTimeMs);
    }

    /** As {@link #update(RecordBatch, long)} for a batch stored at {@code baseOffset}. */
    void update(RecordBatch batch, long baseOffset, long appendTimeMs) {
        long lastOffset = baseOffset + batch.lastOffsetDelta();
        long pid = batch.producerId();
        if (pid == RecordBatch.NO_PRODUCER_ID) {
            return;
        }
        Entry e = producers.computeIfAbsent(pid, id -> new Entry(id, batch.producerEpoch()));
        if (batch.producerEpoch() > e.epoch) {
            e.epoch = batch.producerEpoch();
            e.batches.clear();
        }
        e.lastTimestamp = appendTimeMs;
        if (batch.isControl()) {
            return; // markers go through applyMarker
        }
        if (batch.baseSequence() != RecordBatch.NO_SEQUENCE) { // coordinator batches have none to remember
            e.batches.addLast(new BatchMetadata(
                    batch.baseSequence(), batch.lastSequence(), baseOffset, lastOffset, appendTimeMs));
            while (e.batches.size() > BATCHES_TO_RETAIN) {
                e.batches.removeFirst();
            }
        }
        if (batch.isTransactional() && e.currentTxnFirstOffset < 0) {
            e.currentTxnFirstOffset = baseOffset;
            ongoing.put(baseOffset, pid);
        }
    }

    /** The first offset of the producer's open transaction here, or -1. */
    /** Producer id → epoch of every producer with a transaction open in this partition. */
    Map<Long, Short> openTransactions() {
        Map<Long, Short> out = new HashMap<>();
        for (long pid : ongoing.values()) {
            Entry e = producers.get(pid);
            out.put(pid, e == null ? 0 : e.epoch);
        }
        return out;
    }

    long openTransactionFirstOffset(long pid) {
        Entry e = producers.get(pid);
        return e == null ? -1 : e.currentTxnFirstOffset;
    }

    void checkMarkerEpoch(long pid, short epoch) {
        Entry e = producers.get(pid);
        if (e != null && epoch < e.epoch) {
            throw new InvalidProducerEpochException(
                    tp + ": marker epoch " + epoch + " is older than producer " + pid + "'s epoch " + e.epoch);
        }
    }

    /** Applies a commit/abort marker written at {@code markerOffset}. */
    void applyMarker(long pid, short epoch, boolean commit, long markerOffset) {
        Entry e = producers.computeIfAbsent(pid, id -> new Entry(id, epoch));
        if (epoch > e.epoch) {
            e.epoch = epoch;
            e.batches.clear();
        }
        if (e.currentTxnFirstOffset >= 0) {
            ongoing.remove(e.currentTxnFirstOffset);
            if (!commit) {
                aborted.add(new AbortedTxn(pid, e.currentTxnFirstOffset, markerOffset));
            }
            e.currentTxnFirstOffset = -1;
        }
    }

    long firstUnstableOffset() {
        return ongoing.isEmpty() ? Long.MAX_VALUE : ongoing.firstKey();
    }

    /** Aborted transactions that may cover offsets in [from, to). */
    List<AbortedTxn> abortedOverlapping(long from, long to) {
        if (aborted.isEmpty()) {
            return List.of();
        }
        // aborted is sorted by lastOffset: find the first one ending at or after `from`.
        int lo = 0;
        int hi = aborted.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (aborted.get(mid).lastOffset() < from) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        List<AbortedTxn> out = new ArrayList<>();
        for (int i = lo; i < aborted.size(); i++) {
            AbortedTxn a = aborted.get(i);
            if (a.firstOffset() < to) {
                out.add(a);
            }
        }
        return out;
    }

    /** Counts the producer as active at {@code timeMs} for expiry (replay at load). */
    void markActive(long pid, long timeMs) {
        Entry e = producers.get(pid);
        if (e != null && e.lastTimestamp < timeMs) {
            e.lastTimestamp = timeMs;
        }
    }

    /**
     * Drops producers idle for at least {@code expirationMs} (by the time of their last write here)
     * that have no open transaction, as Kafka does for {@code producer.id.expiration.ms}. A retry of
     * one of their batches is then no longer recognised, and their next batch must start a fresh
     * sequence at 0 (or bump the epoch): the price of not keeping every producer id forever. Returns
     * the number dropped.
     */
    int removeExpired(long nowMs, long expirationMs) {
        int before = producers.size();
        producers.values().removeIf(e -> e.currentTxnFirstOffset < 0 && nowMs - e.lastTimestamp >= expirationMs);
        return before - producers.size();
    }

    /** Forgets aborted transactions wholly below the log start (their data is gone). */
    void pruneAbortedBelow(long logStartOffset) {
        aborted.removeIf(a -> a.lastOffset() < logStartOffset);
    }

    /** Drops state from offsets at or above {@code offset} is not possible incrementally: callers reload. */
    void clear() {
        producers.clear();
        ongoing.clear();
        aborted.clear();
    }

    List<Entry> entries() {
        return Collections.unmodifiableList(new ArrayList<>(producers.values()));
    }
}
