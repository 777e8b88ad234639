package dev.sluice.logengine.storage;

import dev.sluice.logengine.TopicPartition;
import dev.sluice.logengine.record.Record;
import dev.sluice.logengine.record.RecordBatch;
import dev.sluice.logengine.record.RecordBatchBuilder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compaction of one partition of a {@code compact} topic: keeps the latest record per key.
 *
 * <ol>
 *   <li>Pick the cleanable segments: every non-active segment that lies wholly below the last stable
 *       offset (open transactions and unflushed data are never cleaned).
 *   <li>Build a map key -> offset of its latest record over those segments.
 *   <li>For each segment write {@code <base>.log.cleaned}: control batches are kept; batches of aborted
 *       transactions are dropped; of the other records only those that are the latest for their key
 *       survive, and tombstones survive until their batch's delete horizon has passed. The first time a
 *       batch with tombstones is cleaned, its delete horizon is set to now + delete.retention.ms (Kafka's
 *       KIP-534 scheme). Offsets never change, so gaps appear; batches with no record left are dropped.
 *   <li>fsync each {@code .cleaned} file and rename it to {@code .log.swap}: from that rename on the
 *       result is committed. Under the partition's write lock, rename each {@code .swap} over its {@code
 *       .log} (atomic replace) and rebuild its indexes. A crash before the rename leaves the old segment
 *       and a {@code .cleaned} file that startup deletes; a crash after it leaves a {@code .swap} that
 *       startup renames. Each segment is swapped on its own, and each is valid alone, because a dropped
 *       record always has a newer version at a higher offset.
 * </ol>
 *
 * Limitation: the key map holds every key of the cleaned range in memory (Kafka bounds it with a
 * fixed-size hash table and cleans in several passes).
 */
public final class LogCleaner {
    private static final Logger LOG = LoggerFactory.getLogger(LogCleaner.class);
    static final String CHECKPOINT = "cleaner-offset-checkpoint";

    private final PartitionLog log;
    private final TopicPartition tp;

    public LogCleaner(PartitionLog log) {
        this.log = log;
        this.tp = log.tp;
    }

    /** Share of non-active bytes written since the last cleaning (0 when nothing is cleanable). */
    public double dirtyRatio() {
        long cleanedUpTo = readCheckpoint();
        long total = 0;
        long dirty = 0;
        for (LogSegment s : cleanable()) {
            total += s.size();
            if (s.baseOffset() >= cleanedUpTo) {
                dirty += s.size();
            }
        }
        return total == 0 ? 0 : (double) dirty / total;
    }

    private List<LogSegment> cleanable() {
        log.lock.readLock().lock();
        try {
            long upper = Math.min(log.segments.lastKey(), log.lastStableOffset());
            List<LogSegment> out = new ArrayList<>();
            for (LogSegment s : log.segments.headMap(log.segments.lastKey()).values()) {
                if (s.nextOffset() <= upper) {
                    out.add(s);
                }
            }
            return out;
        } finally {
            log.lock.readLock().unlock();
        }
    }

    /** Cleans now. Returns the number of bytes reclaimed. */
    public long clean() {
        List<LogSegment> segments = cleanable();
        if (segments.isEmpty()) {
            return 0;
        }
        long now = log.clock.millis();
        List<Path> written = new ArrayList<>();
        try {
            Map<ByteBuffer, Long> latest = buildKeyMap(segments);
            long before = 0;
            long after = 0;
            List<Path> swaps = new ArrayList<>();
            for (LogSegment s : segments) {
                Path cleaned = s.logPath().resolveSibling(s.logPath().getFileName() + LogFiles.CLEANED_SUFFIX);
                written.add(cleaned);
                before += s.size();
                after += writeCleaned(s, cleaned, latest, now);
            }
            for (Path cleaned : written) {
                String name = cleaned.getFileName().toString();
                Path swap = cleaned.resolveSibling(
                        name.substring(0, name.length() - LogFiles.CLEANED_SUFFIX.length()) + LogFiles.SWAP_SUFFIX);
                Files.move(cleaned, swap, StandardCopyOption.ATOMIC_MOVE);
                swaps.add(swap);
            }
            CheckpointFile.fsyncDirectory(log.dir);
            swapIn(segments, swaps);
            writeCheckpoint(segments.get(segments.size() - 1).nextOffset());
            LOG.info("{}: compacted {} segment(s), {} -> {} bytes", tp, segments.size(), before, after);
            return before - after;
        } catch (ClosedChannelException e) {
            LOG.info("{}: compaction abandoned, a segment went away meanwhile", tp);
            deleteQuietly(written);
            return 0;
        } catch (IOException e) {
            deleteQuietly(written);
            throw PartitionLog.storageError(tp + ": compaction failed", e);
        }
    }

    private Map<ByteBuffer, Long> buildKeyMap(List<LogSegment> segments) throws IOException {
        Map<ByteBuffer, Long> latest = new HashMap<>();
        for (LogSegment s : segments) {
            BatchScanner.scan(s.channel(), 0, s.size(), false, log.config.maxBatchBytes(), (b, pos) -> {
                if (b.isControl() || isAborted(b)) {
                    return true;
                }
                for (Record r : b.records()) {
                    if (r.key() != null) {
                        ByteBuffer k = ByteBuffer.allocate(r.key().remaining())
                                .put(r.key().duplicate())
                                .flip();
                        latest.put(k, r.offset());
                    }
                }
                return true;
            });
        }
        return latest;
    }

    private boolean isAborted(RecordBatch b) {
        if (!b.isTransactional() || b.isControl()) {
            return false;
        }
        log.lock.readLock().lock();
        try {
            for (ProducerStateManager.AbortedTxn a :
                    log.producerState.abortedOverlapping(b.baseOffset(), b.baseOffset() + 1)) {
                if (a.producerId() == b.producerId()) {
                    return true;
                }
            }
            return false;
        } finally {
            log.lock.readLock().unlock();
        }
    }

    private long writeCleaned(LogSegment s, Path target, Map<ByteBuffer, Long> latest, long now) throws IOException {
        long deleteRetentionMs = log.config.deleteRetentionMs();
        try (FileChannel out = FileChannel.open(
                target, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            long[] pos = {0};
            BatchScanner.scan(s.channel(), 0, s.size(), false, log.config.maxBatchBytes(), (b, p) -> {
                if (isAborted(b)) {
                    return true;
                }
                if (b.isControl()) {
                    pos[0] += write(out, b.buffer(), pos[0]);
                    return true;
                }
                boolean horizonPassed = b.hasDeleteHorizon() && now >= b.deleteHorizonMs();
                List<Record> keep = new ArrayList<>();
                boolean tombstones = false;
                List<Record> all = b.records();
                for (Record r : all) {
                    Long newest = r.key() == null ? null : latest.get(r.key());
                    if (newest == null || newest != r.offset()) {
                        continue;
                    }
                    if (r.isTombstone()) {
                        if (horizonPassed) {
                            continue;
                        }
                        tombstones = true;
                    }
                    keep.add(r);
                }
                if (keep.isEmpty()) {
                    return true;
                }
                boolean needsHorizon = tombstones && !b.hasDeleteHorizon();
                if (keep.size() == all.size() && !needsHorizon) {
                    pos[0] += write(out, b.buffer(), pos[0]);
                    return true;
                }
                RecordBatchBuilder builder = RecordBatchBuilder.create()
                        .baseOffset(b.baseOffset())
                        .producer(b.producerId(), b.producerEpoch(), b.baseSequence())
                        .transactional(b.isTransactional())
                        .compression(b.compressionType());
                if (tombstones) {
                    builder.deleteHorizon(b.hasDeleteHorizon() ? b.deleteHorizonMs() : now + deleteRetentionMs);
                }
                for (Record r : keep) {
                    builder.appendWithOffsetDelta(
                            (int) (r.offset() - b.baseOffset()),
                            r.timestamp(),
                            r.changeKind(),
                            r.key(),
                            r.value(),
                            r.headers());
                }
                builder.lastOffsetDelta(b.lastOffsetDelta());
                pos[0] += write(out, builder.build().buffer(), pos[0]);
                return true;
            });
            out.force(true);
            return pos[0];
        }
    }

    private static int write(FileChannel out, ByteBuffer bytes, long position) throws IOException {
        int n = bytes.remaining();
        long p = position;
        while (bytes.hasRemaining()) {
            p += out.write(bytes, p);
        }
        return n;
    }

    private void swapIn(List<LogSegment> segments, List<Path> swaps) throws IOException {
        log.lock.writeLock().lock();
        try {
            for (int i = 0; i < segments.size(); i++) {
                LogSegment old = segments.get(i);
                Path swap = swaps.get(i);
                if (log.segments.get(old.baseOffset()) != old) {
                    Files.deleteIfExists(swap); // deleted by retention meanwhile
                    continue;
                }
                old.closeAbruptly();
                Files.move(swap, old.logPath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                Files.deleteIfExists(LogFiles.indexFile(log.dir, old.baseOffset()));
                Files.deleteIfExists(LogFiles.timeIndexFile(log.dir, old.baseOffset()));
                LogSegment fresh = new LogSegment(
                        log.dir,
                        old.baseOffset(),
                        log.config.indexIntervalBytes(),
                        log.config.maxIndexBytes(),
                        old.createdMs());
                fresh.recover(false, log.config.maxBatchBytes());
                fresh.onBecomeInactive();
                log.segments.put(old.baseOffset(), fresh);
            }
        } finally {
            log.lock.writeLock().unlock();
        }
    }

    private long readCheckpoint() {
        try {
            List<String> lines = CheckpointFile.readLines(log.dir.resolve(CHECKPOINT));
            return lines.isEmpty() ? 0 : Long.parseLong(lines.get(0).trim());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    private void writeCheckpoint(long offset) throws IOException {
        CheckpointFile.writeLines(log.dir.resolve(CHECKPOINT), List.of(String.valueOf(offset)));
    }

    private static void deleteQuietly(List<Path> files) {
        for (Path p : files) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // startup deletes leftover .cleaned files anyway
            }
        }
    }
}
