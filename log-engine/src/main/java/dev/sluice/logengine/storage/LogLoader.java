package dev.sluice.logengine.storage;

import dev.sluice.logengine.record.ControlRecordType;
import dev.sluice.logengine.record.CorruptRecordException;
import dev.sluice.logengine.record.Record;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a partition directory back to a consistent state when it is opened:
 *
 * <ol>
 *   <li>Finish or roll back interrupted file operations: {@code .tmp}, {@code .cleaned} and {@code
 *       .deleted} files are removed (never committed); a {@code .swap} file is a committed compaction
 *       output and is renamed over its segment, whose indexes are then rebuilt.
 *   <li>Open the segments. After a crash every segment from the one holding the recovery point onward
 *       is re-scanned with CRC checks; the first torn, corrupt or out-of-order batch ends the log: the
 *       file is cut there and later segments are deleted. Indexes of scanned segments are rebuilt. After
 *       a clean shutdown only the active segment is re-checked (cheap; it catches tail damage done while
 *       the log was closed), the other segments trust their trimmed indexes if they look sane.
 *   <li>Producer state: load the newest valid snapshot at or below the log end, then replay the batches
 *       after it (data batches update sequences and open transactions, markers close them).
 * </ol>
 */
final class LogLoader {
    private static final Logger LOG = LoggerFactory.getLogger(LogLoader.class);

    private final PartitionLog log;

    LogLoader(PartitionLog log) {
        this.log = log;
    }

    void load(long recoveryPoint, boolean cleanShutdown) throws IOException {
        Files.createDirectories(log.dir);
        Set<Long> rebuild = resolveInterruptedOperations();
        TreeSet<Long> bases = new TreeSet<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(log.dir, "*" + LogFiles.LOG_SUFFIX)) {
            for (Path p : ds) {
                long base = LogFiles.offsetFromName(p.getFileName().toString());
                if (base >= 0) {
                    bases.add(base);
                }
            }
        }
        LogConfig c = log.config;
        long now = log.clock.millis();
        if (bases.isEmpty()) {
            bases.add(0L);
        }
        for (long base : bases) {
            log.segments.put(base, new LogSegment(log.dir, base, c.indexIntervalBytes(), c.maxIndexBytes(), now));
        }
        Long recoverFrom = cleanShutdown ? log.segments.lastKey() : log.segments.floorKey(recoveryPoint);
        if (recoverFrom == null) {
            recoverFrom = log.segments.firstKey();
        }
        List<LogSegment> all = new ArrayList<>(log.segments.values());
        for (int i = 0; i < all.size(); i++) {
            LogSegment seg = all.get(i);
            if (seg.baseOffset() >= recoverFrom) {
                boolean contiguous = !c.compact() || i == all.size() - 1; // the active segment is never compacted
                int cut = seg.recover(true, c.maxBatchBytes(), contiguous);
                if (seg.size() > 0) {
                    seg.flush(); // the recovered bytes may only be in the page cache
                }
                boolean hole = cut > 0
                        || (i + 1 < all.size()
                                && seg.nextOffset() > all.get(i + 1).baseOffset());
                if (hole && i + 1 < all.size()) {
                    deleteFrom(all, i + 1, "after a truncated segment");
                    break;
                }
            } else {
                long nextBase = i + 1 < all.size() ? all.get(i + 1).baseOffset() : Long.MAX_VALUE;
                if (rebuild.contains(seg.baseOffset())) {
                    seg.recover(false, c.maxBatchBytes());
                } else {
                    seg.loadClean(c.maxBatchBytes(), nextBase);
                }
            }
        }
        log.initOffsets(log.segments.lastEntry().getValue().nextOffset());
        loadProducerState();
        LOG.debug(
                "{}: opened, offsets [{}, {}), {} segment(s)",
                log.tp,
                log.logStartOffset(),
                log.logEndOffset(),
                log.segments.size());
    }

    private void deleteFrom(List<LogSegment> all, int from, String why) throws IOException {
        for (int j = from; j < all.size(); j++) {
            LogSegment s = all.get(j);
            LOG.warn("{}: deleting segment {} {}", log.tp, s.baseOffset(), why);
            log.segments.remove(s.baseOffset());
            s.delete();
        }
    }

    private Set<Long> resolveInterruptedOperations() throws IOException {
        Set<Long> rebuild = new HashSet<>();
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(log.dir)) {
            ds.forEach(files::add);
        }
        for (Path p : files) {
            String name = p.getFileName().toString();
            if (name.endsWith(LogFiles.TMP_SUFFIX)
                    || name.endsWith(LogFiles.CLEANED_SUFFIX)
                    || name.endsWith(LogFiles.DELETED_SUFFIX)) {
                Files.deleteIfExists(p);
            }
        }
        for (Path p : files) {
            String name = p.getFileName().toString();
            if (name.endsWith(LogFiles.LOG_SUFFIX + LogFiles.SWAP_SUFFIX)) {
                long base = LogFiles.offsetFromName(name);
                Files.move(p, LogFiles.logFile(log.dir, base), StandardCopyOption.ATOMIC_MOVE);
                Files.deleteIfExists(LogFiles.indexFile(log.dir, base));
                Files.deleteIfExists(LogFiles.timeIndexFile(log.dir, base));
                rebuild.add(base);
                LOG.info("{}: completed an interrupted compaction swap of segment {}", log.tp, base);
            }
        }
        return rebuild;
    }

    static List<Long> snapshotOffsets(Path dir) throws IOException {
        TreeSet<Long> out = new TreeSet<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + LogFiles.SNAPSHOT_SUFFIX)) {
            for (Path p : ds) {
                long off = LogFiles.offsetFromName(p.getFileName().toString());
                if (off >= 0) {
                    out.add(off);
                }
            }
        }
        return new ArrayList<>(out);
    }

    private void loadProducerState() throws IOException {
        long logEnd = log.logEndOffset();
        long logStart = log.logStartOffset();
        long replayFrom = logStart;
        List<Long> snaps = snapshotOffsets(log.dir);
        for (int i = snaps.size() - 1; i >= 0; i--) {
            long off = snaps.get(i);
            Path file = LogFiles.snapshotFile(log.dir, off);
            if (off > logEnd) {
                Files.deleteIfExists(file); // describes data that was truncated away
                continue;
            }
            try {
                ProducerStateSnapshot.read(file, log.producerState);
                replayFrom = Math.max(off, logStart);
                break;
            } catch (CorruptRecordException | java.nio.BufferUnderflowException e) {
                LOG.warn("{}: ignoring bad producer snapshot {}: {}", log.tp, file, e.toString());
                log.producerState.clear();
                Files.deleteIfExists(file);
            }
        }
        if (replayFrom >= logEnd) {
            return;
        }
        long from = replayFrom;
        // A replayed batch tells when it was created (its max timestamp: an event time that may be years
        // old), not when it was appended. For producer-id expiry count a replayed producer as active now,
        // so a crash never expires a producer that was writing just before it.
        long loadTime = log.clock.millis();
        Map.Entry<Long, LogSegment> e = log.segments.floorEntry(from);
        for (; e != null; e = log.segments.higherEntry(e.getKey())) {
            LogSegment seg = e.getValue();
            BatchScanner.scan(seg.channel(), 0, seg.size(), false, log.config.maxBatchBytes(), (b, pos) -> {
                if (b.baseOffset() < from) {
                    return true;
                }
                if (b.isControl()) {
                    List<Record> recs = b.records();
                    if (!recs.isEmpty()) {
                        boolean commit = ControlRecordType.fromKey(recs.get(0).key()) == ControlRecordType.COMMIT;
                        log.producerState.update(b, b.maxTimestamp());
                        log.producerState.applyMarker(b.producerId(), b.producerEpoch(), commit, b.baseOffset());
                    }
                } else {
                    log.producerState.update(b, b.maxTimestamp());
                }
                log.producerState.markActive(b.producerId(), loadTime);
                return true;
            });
        }
    }
}
