package dev.sluice.logengine.storage;

import dev.sluice.logengine.AppendResult;
import dev.sluice.logengine.DiskFullException;
import dev.sluice.logengine.FetchResult;
import dev.sluice.logengine.InvalidRecordException;
import dev.sluice.logengine.IsolationLevel;
import dev.sluice.logengine.LogClosedException;
import dev.sluice.logengine.LogStorageException;
import dev.sluice.logengine.OffsetOutOfRangeException;
import dev.sluice.logengine.PartitionInfo;
import dev.sluice.logengine.RecordBatchTooLargeException;
import dev.sluice.logengine.TopicPartition;
import dev.sluice.logengine.record.ControlRecordType;
import dev.sluice.logengine.record.Record;
import dev.sluice.logengine.record.RecordBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log of one partition: an ordered set of {@link LogSegment}s, the last one active.
 *
 * <p>Offsets: the <b>log start offset</b> is the first segment's base; the <b>log end offset</b> (LEO)
 * is the next offset to assign; the <b>high watermark</b> (HW) is what readers may see: the LEO after
 * each write, or, with {@code flushAlways}, the LEO as of the last fsync; the <b>last stable offset</b>
 * (LSO) is min(HW, first offset of any open transaction).
 *
 * <p>Locking: appends, rolls, retention and compaction swaps hold the write lock; fetches hold the read
 * lock; fsync runs without the lock (FileChannel.force is safe next to positional writes).
 */
public final class PartitionLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionLog.class);
    private static final int SNAPSHOTS_TO_KEEP = 2;

    final TopicPartition tp;
    final Path dir;
    final Clock clock;
    volatile LogConfig config;
    final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    final ConcurrentSkipListMap<Long, LogSegment> segments = new ConcurrentSkipListMap<>();
    final ProducerStateManager producerState;
    private volatile LogOffsetMetadata logEnd;
    private volatile LogOffsetMetadata highWatermark;
    private volatile long recoveryPoint;
    private volatile boolean closed;
    private final List<CompletableFuture<Void>> waiters = new ArrayList<>();

    PartitionLog(TopicPartition tp, Path dir, LogConfig config, Clock clock) {
        this.tp = tp;
        this.dir = dir;
        this.config = config;
        this.clock = clock;
        this.producerState = new ProducerStateManager(tp);
    }

    /**
     * Opens (creating if needed) the partition directory and recovers it; see {@link LogLoader}.
     *
     * @param recoveryPoint offsets below this were fsynced before the last shutdown (0 if unknown)
     * @param cleanShutdown whether the previous run shut down cleanly
     */
    public static PartitionLog open(
            TopicPartition tp, Path dir, LogConfig config, Clock clock, long recoveryPoint, boolean cleanShutdown) {
        PartitionLog log = new PartitionLog(tp, dir, config, clock);
        try {
            new LogLoader(log).load(recoveryPoint, cleanShutdown);
        } catch (IOException e) {
            throw storageError("cannot open " + tp, e);
        }
        return log;
    }

    // Called by LogLoader once segments and producer state are in place.
    void initOffsets(long recoveryPoint) {
        LogSegment active = segments.lastEntry().getValue();
        for (LogSegment s : segments.headMap(active.baseOffset()).values()) {
            s.markInactive();
        }
        this.logEnd = new LogOffsetMetadata(active.nextOffset(), active.baseOffset(), active.size());
        this.highWatermark = logEnd;
        this.recoveryPoint = recoveryPoint;
        // Like Kafka's load: state replayed from the log may include producers that expired meanwhile.
        producerState.removeExpired(clock.millis(), config.producerIdExpirationMs());
    }

    public TopicPartition topicPartition() {
        return tp;
    }

    public void updateConfig(LogConfig config) {
        this.config = config;
    }

    public LogConfig config() {
        return config;
    }

    public long logStartOffset() {
        return segments.firstKey();
    }

    public long logEndOffset() {
        return logEnd.offset();
    }

    public long highWatermark() {
        return highWatermark.offset();
    }

    public long recoveryPoint() {
        return recoveryPoint;
    }

    public long lastStableOffset() {
        return Math.min(highWatermark.offset(), producerState.firstUnstableOffset());
    }

    public long sizeInBytes() {
        long total = 0;
        for (LogSegment s : segments.values()) {
            total += s.size();
        }
        return total;
    }

    public int segmentCount() {
        return segments.size();
    }

    /** Base offsets of the segments, oldest first (for tests and tools). */
    public List<Long> segmentBaseOffsets() {
        return new ArrayList<>(segments.keySet());
    }

    public PartitionInfo info() {
        return new PartitionInfo(
                tp.partition(), logStartOffset(), highWatermark(), lastStableOffset(), sizeInBytes(), segmentCount());
    }

    /**
     * Appends a client batch. Validates size, CRC and producer sequence, re-encodes it with the topic's
     * codec if it came with another, assigns offsets (the stored
     * copy gets the log's base offset; the caller's buffer is left alone), writes it, and returns where
     * it landed. The batch is
     * acknowledged after write(): durable against a process crash; {@link #flush()} makes it durable
     * against power loss.
     */
    public AppendResult append(RecordBatch batch) {
        if (batch.sizeInBytes() > config.maxBatchBytes()) {
            throw new RecordBatchTooLargeException(tp + ": batch of " + batch.sizeInBytes()
                    + " bytes exceeds the maximum of " + config.maxBatchBytes());
        }
        batch.ensureValid();
        if (batch.isControl()) {
            throw new InvalidRecordException(tp + ": clients may not append control batches");
        }
        if (batch.recordCount() == 0) {
            throw new InvalidRecordException(tp + ": empty batch");
        }
        if (batch.compressionType() != config.compression()) {
            // Stored with the topic's codec (the client's CRC was checked above; the new batch gets its own).
            batch = batch.withCompression(config.compression());
        }
        if (config.compact()) {
            for (Iterator<Record> it = batch.iterator(); it.hasNext(); ) {
                if (it.next().key() == null) {
                    throw new InvalidRecordException(tp + ": records of a compacted topic need a key");
                }
            }
        }
        AppendResult result;
        lock.writeLock().lock();
        try {
            ensureOpen();
            ProducerStateManager.BatchMetadata dup = producerState.validate(batch);
            if (dup != null) {
                return new AppendResult(dup.firstOffset(), dup.lastOffset(), dup.timestamp(), true);
            }
            result = appendAtEnd(batch, clock.millis());
        } finally {
            lock.writeLock().unlock();
        }
        return visible(result);
    }

    /**
     * Appends a transactional batch the log writes on a producer's behalf (transactional offset
     * commits): no sequence number, so no idempotence check, but the epoch is checked and the batch
     * joins (or opens) the producer's transaction here, so the LSO and the markers cover it.
     */
    public AppendResult appendCoordinatorBatch(RecordBatch batch) {
        batch.ensureValid();
        AppendResult result;
        lock.writeLock().lock();
        try {
            ensureOpen();
            producerState.validateCoordinatorBatch(batch);
            result = appendAtEnd(batch, clock.millis());
        } finally {
            lock.writeLock().unlock();
        }
        return visible(result);
    }

    /** Under the write lock: writes a validated batch at the log end and records it for its producer. */
    private AppendResult appendAtEnd(RecordBatch batch, long now) {
        long base = logEnd.offset();
        writeLocked(batch, base, now);
        producerState.update(batch, base, now);
        return new AppendResult(base, base + batch.lastOffsetDelta(), now, false);
    }

    /**
     * After an append, outside the lock: with fsync per batch the flush moves the high watermark
     * ({@link #flush}); otherwise the append is visible to readers at once.
     */
    private AppendResult visible(AppendResult result) {
        if (!config.flushAlways()) {
            advanceHighWatermark(logEnd);
        }
        return result;
    }

    /** Writes a transaction marker for the producer (the coordinator calls this). */
    public AppendResult appendMarker(long producerId, short epoch, boolean commit, int coordinatorEpoch) {
        AppendResult result;
        lock.writeLock().lock();
        try {
            ensureOpen();
            producerState.checkMarkerEpoch(producerId, epoch);
            ControlRecordType type = commit ? ControlRecordType.COMMIT : ControlRecordType.ABORT;
            long now = clock.millis();
            RecordBatch marker = type.markerBatch(producerId, epoch, coordinatorEpoch, now);
            result = appendAtEnd(marker, now);
            producerState.applyMarker(producerId, epoch, commit, result.baseOffset());
        } finally {
            lock.writeLock().unlock();
        }
        return visible(result);
    }

    /** The first offset of the producer's open transaction in this partition, or -1. */
    /** Producer id → epoch of every producer with a transaction open here. */
    public java.util.Map<Long, Short> openTransactions() {
        lock.readLock().lock();
        try {
            return producerState.openTransactions();
        } finally {
            lock.readLock().unlock();
        }
    }

    public long openTransactionFirstOffset(long producerId) {
        lock.readLock().lock();
        try {
            return producerState.openTransactionFirstOffset(producerId);
        } finally {
            lock.readLock().unlock();
        }
    }

    private void writeLocked(RecordBatch batch, long base, long now) {
        try {
            long last = base + batch.lastOffsetDelta();
            maybeRoll(batch, last, now);
            LogSegment active = segments.lastEntry().getValue();
            active.append(batch.buffer(), base, last, batch.maxTimestamp());
            logEnd = new LogOffsetMetadata(active.nextOffset(), active.baseOffset(), active.size());
        } catch (IOException e) {
            throw storageError(tp + ": append failed, nothing was written", e);
        }
    }

    private void maybeRoll(RecordBatch batch, long last, long now) throws IOException {
        LogSegment active = segments.lastEntry().getValue();
        boolean nonEmpty = active.size() > 0;
        boolean full = nonEmpty && (long) active.size() + batch.sizeInBytes() > config.segmentBytes();
        boolean old = nonEmpty && now - active.createdMs() >= config.segmentMs();
        boolean overflow = last - active.baseOffset() > Integer.MAX_VALUE;
        if (full || old || active.indexFull() || overflow) {
            roll(now);
        }
    }

    /** Starts a new active segment at the log end offset. Caller holds the write lock. */
    void roll(long now) throws IOException {
        LogSegment active = segments.lastEntry().getValue();
        long base = logEnd.offset();
        if (active.baseOffset() == base) {
            return; // already empty
        }
        active.onBecomeInactive();
        LogSegment next = new LogSegment(dir, base, config.indexIntervalBytes(), config.maxIndexBytes(), now);
        segments.put(base, next);
        logEnd = new LogOffsetMetadata(base, base, 0);
        writeSnapshot(base);
        LOG.debug("{}: rolled to segment {}", tp, base);
    }

    /** Rolls now, even if the active segment is small (tests and tools). */
    public void forceRoll() {
        lock.writeLock().lock();
        try {
            ensureOpen();
            roll(clock.millis());
        } catch (IOException e) {
            throw storageError(tp + ": roll failed", e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    void writeSnapshot(long offset) throws IOException {
        ProducerStateSnapshot.write(LogFiles.snapshotFile(dir, offset), producerState, offset);
        List<Long> snaps = LogLoader.snapshotOffsets(dir);
        for (int i = 0; i < snaps.size() - SNAPSHOTS_TO_KEEP; i++) {
            java.nio.file.Files.deleteIfExists(LogFiles.snapshotFile(dir, snaps.get(i)));
        }
    }

    /**
     * Reads batches from {@code offset}, at most {@code maxBytes} (but always at least one whole batch),
     * from a single segment. See {@link IsolationLevel} for what READ_COMMITTED filters.
     */
    public FetchResult read(long offset, int maxBytes, IsolationLevel isolation) {
        lock.readLock().lock();
        try {
            ensureOpen();
            LogOffsetMetadata hw = highWatermark;
            long lso = Math.min(hw.offset(), producerState.firstUnstableOffset());
            long limit = isolation == IsolationLevel.READ_COMMITTED ? lso : hw.offset();
            long logStart = logStartOffset();
            if (offset < logStart || offset > hw.offset()) {
                throw new OffsetOutOfRangeException(tp + ": offset " + offset + " is outside [" + logStart + ", "
                        + hw.offset() + "] (log start, high watermark)");
            }
            if (offset >= limit) {
                return new FetchResult(List.of(), offset, logStart, hw.offset(), lso);
            }
            for (Map.Entry<Long, LogSegment> e = segments.floorEntry(offset);
                    e != null && e.getKey() <= hw.segmentBaseOffset();
                    e = segments.higherEntry(e.getKey())) {
                LogSegment seg = e.getValue();
                int maxPos = seg.baseOffset() == hw.segmentBaseOffset() ? hw.position() : seg.size();
                LogSegment.BatchLocation loc = seg.findBatch(offset, maxPos);
                if (loc == null || loc.baseOffset() >= limit) {
                    if (loc != null) {
                        return new FetchResult(List.of(), offset, logStart, hw.offset(), lso);
                    }
                    continue;
                }
                ByteBuffer buf = seg.read(loc.position(), Math.max(maxBytes, loc.sizeInBytes()), maxPos);
                List<RecordBatch> batches = new ArrayList<>();
                long next = offset;
                for (RecordBatch b : RecordBatch.splitAll(buf)) {
                    if (b.baseOffset() >= limit) {
                        break;
                    }
                    if (config.verifyCrcOnFetch()) {
                        b.ensureValid();
                    }
                    batches.add(b);
                    next = b.nextOffset();
                }
                if (isolation == IsolationLevel.READ_COMMITTED) {
                    batches = filterCommitted(batches, offset, next);
                }
                return new FetchResult(batches, next, logStart, hw.offset(), lso);
            }
            return new FetchResult(List.of(), offset, logStart, hw.offset(), lso);
        } catch (ClosedChannelException e) {
            throw new LogClosedException(tp + " was closed during the fetch");
        } catch (IOException e) {
            throw storageError(tp + ": fetch failed", e);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Drops control batches and batches of aborted transactions. Caller holds the read lock. */
    private List<RecordBatch> filterCommitted(List<RecordBatch> batches, long from, long to) {
        List<ProducerStateManager.AbortedTxn> aborted = producerState.abortedOverlapping(from, to);
        List<RecordBatch> out = new ArrayList<>(batches.size());
        for (RecordBatch b : batches) {
            if (b.isControl()) {
                continue;
            }
            if (b.isTransactional() && isAborted(b, aborted)) {
                continue;
            }
            out.add(b);
        }
        return out;
    }

    private static boolean isAborted(RecordBatch b, List<ProducerStateManager.AbortedTxn> aborted) {
        for (ProducerStateManager.AbortedTxn a : aborted) {
            if (a.producerId() == b.producerId()
                    && b.baseOffset() >= a.firstOffset()
                    && b.baseOffset() <= a.lastOffset()) {
                return true;
            }
        }
        return false;
    }

    /** The first offset whose record timestamp is >= {@code timestampMs}, below the high watermark. */
    public OptionalLong offsetForTimestamp(long timestampMs) {
        lock.readLock().lock();
        try {
            ensureOpen();
            LogOffsetMetadata hw = highWatermark;
            for (LogSegment seg : segments.values()) {
                if (seg.baseOffset() > hw.segmentBaseOffset()) {
                    break;
                }
                if (seg.maxTimestamp() < timestampMs) {
                    continue;
                }
                int maxPos = seg.baseOffset() == hw.segmentBaseOffset() ? hw.position() : seg.size();
                LogSegment.BatchLocation start = seg.findBatch(seg.timeIndexStartOffset(timestampMs), maxPos);
                if (start == null) {
                    continue;
                }
                long[] found = {-1};
                BatchScanner.scan(seg.channel(), start.position(), maxPos, false, config.maxBatchBytes(), (b, pos) -> {
                    if (b.isControl() || b.maxTimestamp() < timestampMs) {
                        return true;
                    }
                    for (Record r : b.records()) {
                        if (r.timestamp() >= timestampMs) {
                            found[0] = r.offset();
                            return false;
                        }
                    }
                    return true;
                });
                if (found[0] >= 0) {
                    return OptionalLong.of(found[0]);
                }
            }
            return OptionalLong.empty();
        } catch (IOException e) {
            throw storageError(tp + ": timestamp lookup failed", e);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * fsyncs every segment from the recovery point to the current log end, then moves the recovery
     * point (and, with flushAlways, the high watermark) there. Safe to call from any thread; concurrent
     * appends simply wait for the next flush.
     */
    public long flush() {
        LogOffsetMetadata target;
        List<LogSegment> toFlush;
        lock.readLock().lock();
        try {
            if (closed) {
                return recoveryPoint;
            }
            target = logEnd;
            if (target.offset() <= recoveryPoint) {
                return recoveryPoint;
            }
            Long from = segments.floorKey(recoveryPoint);
            toFlush = new ArrayList<>((from == null ? segments : segments.tailMap(from)).values());
        } finally {
            lock.readLock().unlock();
        }
        try {
            for (LogSegment s : toFlush) {
                if (s.baseOffset() <= target.segmentBaseOffset()) {
                    s.flush();
                }
            }
        } catch (ClosedChannelException e) {
            if (closed) {
                throw new LogClosedException(tp + " closed during flush");
            }
            // a segment was deleted by retention or compaction meanwhile: it no longer needs flushing
        } catch (IOException e) {
            throw storageError(tp + ": fsync failed", e);
        }
        synchronized (this) {
            if (target.offset() > recoveryPoint) {
                recoveryPoint = target.offset();
            }
        }
        if (config.flushAlways()) {
            advanceHighWatermark(target);
        }
        return target.offset();
    }

    private void advanceHighWatermark(LogOffsetMetadata target) {
        List<CompletableFuture<Void>> wake;
        synchronized (waiters) {
            if (target.offset() <= highWatermark.offset()) {
                return;
            }
            highWatermark = target;
            if (waiters.isEmpty()) {
                return;
            }
            wake = new ArrayList<>(waiters);
            waiters.clear();
        }
        for (CompletableFuture<Void> w : wake) {
            w.complete(null);
        }
    }

    /**
     * A future completed the next time the high watermark moves past {@code offset} (at once if it
     * already has, or if the log is closed). Long-poll fetches wait on it; there is no polling loop.
     */
    public CompletableFuture<Void> awaitHighWatermarkAbove(long offset) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        synchronized (waiters) {
            if (closed || highWatermark.offset() > offset) {
                f.complete(null);
            } else {
                waiters.add(f);
            }
        }
        return f;
    }

    /** Removes a waiter that timed out, so waiting fetches do not pile up. */
    public void cancelWaiter(CompletableFuture<Void> waiter) {
        synchronized (waiters) {
            waiters.remove(waiter);
        }
    }

    /**
     * Drops the state of producers idle for {@code producer.id.expiration.ms} (see {@link
     * ProducerStateManager#removeExpired}). The next snapshot (roll, clean shutdown) leaves them out;
     * after a crash, replay may bring them back from the log, and load drops them again. Returns the
     * number dropped.
     */
    public int removeExpiredProducers() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return 0;
            }
            int n = producerState.removeExpired(clock.millis(), config.producerIdExpirationMs());
            if (n > 0) {
                LOG.debug("{}: expired {} producer id(s)", tp, n);
            }
            return n;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Number of producer ids whose state this partition keeps (tests, tools). */
    public int producerCount() {
        lock.readLock().lock();
        try {
            return producerState.producers.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Retention: deletes whole non-active segments, oldest first, while the oldest is older than
     * retention.ms (by its largest timestamp) or the partition is larger than retention.bytes. Returns
     * the number of segments deleted.
     */
    public int deleteOldSegments() {
        LogConfig c = config;
        if (c.retentionMs() < 0 && c.retentionBytes() < 0) {
            return 0;
        }
        long now = clock.millis();
        lock.writeLock().lock();
        try {
            ensureOpen();
            long[] size = {sizeInBytes()};
            int deleted = deleteOldestWhile(oldest -> {
                boolean expired = c.retentionMs() >= 0
                        && (oldest.size() == 0
                                || (oldest.maxTimestamp() >= 0 && now - oldest.maxTimestamp() > c.retentionMs()));
                boolean tooBig = c.retentionBytes() >= 0 && size[0] - oldest.size() >= c.retentionBytes();
                size[0] -= expired || tooBig ? oldest.size() : 0;
                return expired || tooBig;
            });
            if (deleted > 0) {
                LOG.info(
                        "{}: retention deleted {} segment(s); log start offset is now {}",
                        tp,
                        deleted,
                        logStartOffset());
            }
            return deleted;
        } catch (IOException e) {
            throw storageError(tp + ": retention failed", e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Kafka's DeleteRecords, at segment granularity: deletes the non-active segments that end at or
     * before {@code offset} (and below the high watermark), for a reader that will never read below
     * it again (a repartition topic once its reader has committed). Returns the new log start offset.
     */
    public long deleteSegmentsBefore(long offset) {
        lock.writeLock().lock();
        try {
            ensureOpen();
            int deleted = deleteOldestWhile(oldest -> oldest.nextOffset() <= offset);
            if (deleted > 0) {
                LOG.debug(
                        "{}: deleted {} consumed segment(s); log start offset is now {}",
                        tp,
                        deleted,
                        logStartOffset());
            }
            return logStartOffset();
        } catch (IOException e) {
            throw storageError(tp + ": deleting records failed", e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Deletes the oldest segment while {@code delete} says so, never the active one and never one that
     * readers have not been allowed to see yet (past the high watermark). Holds the write lock.
     */
    private int deleteOldestWhile(java.util.function.Predicate<LogSegment> delete) throws IOException {
        int deleted = 0;
        while (segments.size() > 1) {
            LogSegment oldest = segments.firstEntry().getValue();
            if (oldest.nextOffset() > highWatermark.offset() || !delete.test(oldest)) {
                break;
            }
            segments.remove(oldest.baseOffset());
            oldest.delete();
            deleted++;
        }
        if (deleted > 0) {
            producerState.pruneAbortedBelow(logStartOffset());
        }
        return deleted;
    }

    /** Clean close: snapshot producer state at the log end, trim indexes, fsync. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            segments.lastEntry().getValue().flush();
            writeSnapshot(logEnd.offset());
            for (LogSegment s : segments.values()) {
                s.close();
            }
            recoveryPoint = logEnd.offset();
        } catch (IOException e) {
            throw storageError(tp + ": close failed", e);
        } finally {
            lock.writeLock().unlock();
            wakeAllWaiters();
        }
    }

    /** Closes file handles without flushing, trimming or snapshotting: what a crash leaves (tests). */
    public void closeAbruptly() {
        lock.writeLock().lock();
        try {
            closed = true;
            for (LogSegment s : segments.values()) {
                s.closeAbruptly();
            }
        } catch (IOException e) {
            LOG.warn("{}: abrupt close: {}", tp, e.toString());
        } finally {
            lock.writeLock().unlock();
            wakeAllWaiters();
        }
    }

    private void wakeAllWaiters() {
        List<CompletableFuture<Void>> wake;
        synchronized (waiters) {
            wake = new ArrayList<>(waiters);
            waiters.clear();
        }
        wake.forEach(w -> w.complete(null));
    }

    public boolean isClosed() {
        return closed;
    }

    void ensureOpen() {
        if (closed) {
            throw new LogClosedException(tp + " is closed");
        }
    }

    static LogStorageException storageError(String message, IOException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("No space left on device") || m.contains("Disk quota exceeded")) {
            return new DiskFullException(message + ": disk full (" + m + ")", e);
        }
        return new LogStorageException(message + ": " + e, e);
    }
}
