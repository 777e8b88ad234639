package dev.sluice.logengine.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.logengine.AppendResult;
import dev.sluice.logengine.FetchResult;
import dev.sluice.logengine.InvalidProducerEpochException;
import dev.sluice.logengine.IsolationLevel;
import dev.sluice.logengine.MutableClock;
import dev.sluice.logengine.OffsetOutOfRangeException;
import dev.sluice.logengine.OutOfOrderSequenceException;
import dev.sluice.logengine.RecordBatchTooLargeException;
import dev.sluice.logengine.TopicPartition;
import dev.sluice.logengine.record.Record;
import dev.sluice.logengine.record.RecordBatch;
import dev.sluice.logengine.record.RecordBatchBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitionLogTest {
    static final TopicPartition TP = new TopicPartition("t", 0);

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(1_000_000);
    PartitionLog log;

    static LogConfig small() {
        return LogConfig.defaults().withSegment(4096, 60_000).withLimits(1 << 20, 256, 4096);
    }

    PartitionLog open(LogConfig c) {
        log = PartitionLog.open(TP, dir, c, clock, 0, false);
        return log;
    }

    @AfterEach
    void closeLog() {
        if (log != null && !log.isClosed()) {
            log.close();
        }
    }

    static RecordBatch batch(long ts, String... values) {
        RecordBatchBuilder b = RecordBatchBuilder.create();
        for (String v : values) {
            b.append(ts, (byte) 0, ("k" + v).getBytes(StandardCharsets.UTF_8), v.getBytes(StandardCharsets.UTF_8));
        }
        return b.build();
    }

    static List<String> values(PartitionLog log, long from) {
        List<String> out = new ArrayList<>();
        long next = from;
        while (next < log.highWatermark()) {
            FetchResult r = log.read(next, 1000, IsolationLevel.READ_UNCOMMITTED);
            for (Record rec : r.records(next)) {
                out.add(new String(rec.valueBytes(), StandardCharsets.UTF_8));
            }
            next = r.nextOffset();
        }
        return out;
    }

    @Test
    void assignsContiguousOffsetsAndReadsThemBack() {
        open(small());
        AppendResult a = log.append(batch(clock.millis(), "a", "b", "c"));
        AppendResult b = log.append(batch(clock.millis(), "d"));
        assertEquals(0, a.baseOffset());
        assertEquals(2, a.lastOffset());
        assertEquals(3, b.baseOffset());
        assertEquals(4, log.logEndOffset());
        assertEquals(4, log.highWatermark());
        assertEquals(List.of("a", "b", "c", "d"), values(log, 0));
        assertEquals(List.of("c", "d"), values(log, 2));
    }

    @Test
    void rollsBySizeAndKeepsEveryRecordReadable() {
        open(small());
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String v = "value-" + i + "-".repeat(40);
            expected.add(v);
            log.append(batch(clock.millis(), v));
        }
        assertTrue(log.segmentCount() > 3, "segments: " + log.segmentCount());
        for (long base : log.segmentBaseOffsets()) {
            assertTrue(Files.exists(dir.resolve(String.format("%020d.log", base))));
        }
        assertEquals(expected, values(log, 0));
        assertEquals(expected.subList(137, 200), values(log, 137));
    }

    @Test
    void rollsByAgeWithTheInjectedClock() {
        open(small());
        log.append(batch(clock.millis(), "a"));
        log.append(batch(clock.millis(), "b"));
        assertEquals(1, log.segmentCount());
        clock.advance(60_000);
        log.append(batch(clock.millis(), "c"));
        assertEquals(2, log.segmentCount());
        assertEquals(List.of(0L, 2L), log.segmentBaseOffsets());
    }

    @Test
    void fetchRespectsTheByteLimitButReturnsAtLeastOneBatch() {
        open(small());
        for (int i = 0; i < 10; i++) {
            log.append(batch(clock.millis(), "x".repeat(50)));
        }
        int one =
                log.read(0, 1, IsolationLevel.READ_UNCOMMITTED).batches().get(0).sizeInBytes();
        FetchResult r = log.read(0, one * 3 + 10, IsolationLevel.READ_UNCOMMITTED);
        assertEquals(3, r.batches().size());
        assertEquals(3, r.nextOffset());
        assertEquals(
                1, log.read(0, 1, IsolationLevel.READ_UNCOMMITTED).batches().size());
    }

    @Test
    void fetchOutsideTheLogIsOffsetOutOfRange() {
        open(small());
        log.append(batch(clock.millis(), "a"));
        assertThrows(OffsetOutOfRangeException.class, () -> log.read(2, 100, IsolationLevel.READ_UNCOMMITTED));
        assertThrows(OffsetOutOfRangeException.class, () -> log.read(-1, 100, IsolationLevel.READ_UNCOMMITTED));
        assertTrue(log.read(1, 100, IsolationLevel.READ_UNCOMMITTED).isEmpty());
    }

    @Test
    void offsetForTimestampFindsTheFirstRecordAtOrAfter() {
        open(small());
        for (int i = 0; i < 100; i++) {
            log.append(batch(10_000 + i * 10L, "v" + i, "w" + i)); // offsets 2i, 2i+1
        }
        assertEquals(0, log.offsetForTimestamp(0).getAsLong());
        assertEquals(2 * 37, log.offsetForTimestamp(10_000 + 365).getAsLong());
        assertEquals(2 * 37, log.offsetForTimestamp(10_000 + 370).getAsLong());
        assertFalse(log.offsetForTimestamp(20_000).isPresent());
    }

    @Test
    void rejectsOversizedBatchesWithoutWriting() {
        open(small().withLimits(200, 256, 4096));
        assertThrows(RecordBatchTooLargeException.class, () -> log.append(batch(1, "x".repeat(300))));
        assertEquals(0, log.logEndOffset());
    }

    @Test
    void reopensAfterCleanCloseWithTheSameContent() {
        open(small());
        for (int i = 0; i < 100; i++) {
            log.append(batch(clock.millis(), "v" + i + "-".repeat(30)));
        }
        List<String> before = values(log, 0);
        int segments = log.segmentCount();
        log.close();
        open(small());
        assertEquals(before, values(log, 0));
        assertEquals(segments, log.segmentCount());
        assertEquals(100, log.append(batch(clock.millis(), "next")).baseOffset());
    }

    @Test
    void retentionDeletesOldSegmentsButNeverTheActiveOne() {
        open(small().withRetention(10_000, -1));
        for (int i = 0; i < 100; i++) {
            log.append(batch(clock.millis(), "v" + i + "-".repeat(40)));
        }
        int before = log.segmentCount();
        assertEquals(0, log.deleteOldSegments());
        clock.advance(10_001);
        log.forceRoll();
        log.append(batch(clock.millis(), "fresh"));
        assertEquals(before, log.deleteOldSegments());
        assertEquals(1, log.segmentCount());
        assertEquals(100, log.logStartOffset());
        assertEquals(List.of("fresh"), values(log, 100));
        assertThrows(OffsetOutOfRangeException.class, () -> log.read(0, 100, IsolationLevel.READ_UNCOMMITTED));
    }

    @Test
    void deleteRecordsDropsOnlyWholeSegmentsBelowTheOffset() {
        open(small());
        for (int i = 0; i < 200; i++) {
            log.append(batch(clock.millis(), "v" + i + "-".repeat(40)));
        }
        List<Long> bases = log.segmentBaseOffsets();
        assertTrue(bases.size() > 3, "segments " + bases);
        long cut = bases.get(2) + 1; // inside the third segment: it and later ones stay
        assertEquals(bases.get(2), log.deleteSegmentsBefore(cut));
        assertEquals(bases.subList(2, bases.size()), log.segmentBaseOffsets());
        assertEquals(
                "v" + bases.get(2) + "-".repeat(40), values(log, bases.get(2)).get(0));
        assertEquals(bases.get(2), log.deleteSegmentsBefore(0)); // nothing below the start: no-op
        // Everything consumed: the active segment stays, so appends continue at the same offsets.
        long end = log.logEndOffset();
        log.deleteSegmentsBefore(end);
        assertEquals(1, log.segmentCount());
        assertEquals(end, log.append(batch(clock.millis(), "after")).baseOffset());
    }

    @Test
    void retentionBySizeKeepsTheNewestBytes() {
        open(small().withRetention(-1, 8192));
        for (int i = 0; i < 200; i++) {
            log.append(batch(clock.millis(), "v" + i + "-".repeat(40)));
        }
        log.deleteOldSegments();
        assertTrue(log.sizeInBytes() < 8192 + 4096, "size " + log.sizeInBytes());
        assertTrue(log.sizeInBytes() >= 8192 - 4096);
        List<String> rest = values(log, log.logStartOffset());
        assertEquals("v199" + "-".repeat(40), rest.get(rest.size() - 1));
    }

    @Test
    void idempotentRetriesGetTheirOriginalOffsets() {
        open(small());
        RecordBatch first = RecordBatchBuilder.create()
                .producer(9, (short) 0, 0)
                .append(1, (byte) 0, "k".getBytes(), "a".getBytes())
                .append(1, (byte) 0, "k".getBytes(), "b".getBytes())
                .build();
        AppendResult r1 = log.append(first);
        log.append(batch(1, "other"));
        AppendResult retry = log.append(first);
        assertTrue(retry.duplicate());
        assertEquals(r1.baseOffset(), retry.baseOffset());
        assertEquals(r1.lastOffset(), retry.lastOffset());
        assertEquals(3, log.logEndOffset());
        RecordBatch gap = RecordBatchBuilder.create()
                .producer(9, (short) 0, 5)
                .append(1, (byte) 0, "k".getBytes(), "c".getBytes())
                .build();
        OutOfOrderSequenceException e = assertThrows(OutOfOrderSequenceException.class, () -> log.append(gap));
        assertTrue(e.getMessage().contains("next expected is 2"), e.getMessage());
        RecordBatch next = RecordBatchBuilder.create()
                .producer(9, (short) 0, 2)
                .append(1, (byte) 0, "k".getBytes(), "c".getBytes())
                .build();
        assertEquals(3, log.append(next).baseOffset());
        RecordBatch stale = RecordBatchBuilder.create()
                .producer(9, (short) 0, 3)
                .append(1, (byte) 0, "k".getBytes(), "d".getBytes())
                .build();
        log.append(RecordBatchBuilder.create()
                .producer(9, (short) 1, 0)
                .append(1, (byte) 0, "k".getBytes(), "e".getBytes())
                .build());
        assertThrows(InvalidProducerEpochException.class, () -> log.append(stale));
    }

    @Test
    void producerStateSurvivesRestarts() {
        open(small());
        RecordBatch first = RecordBatchBuilder.create()
                .producer(3, (short) 0, 0)
                .append(1, (byte) 0, "k".getBytes(), "a".getBytes())
                .build();
        log.append(first);
        log.closeAbruptly(); // no snapshot: state comes from replaying the log
        open(small());
        assertTrue(log.append(first).duplicate());
        log.close(); // snapshot at the log end
        open(small());
        assertTrue(log.append(first).duplicate());
        RecordBatch second = RecordBatchBuilder.create()
                .producer(3, (short) 0, 1)
                .append(1, (byte) 0, "k".getBytes(), "b".getBytes())
                .build();
        assertEquals(1, log.append(second).baseOffset());
    }

    @Test
    void transactionsHideOpenAndAbortedDataFromCommittedReaders() {
        open(small());
        log.append(batch(1, "plain"));
        RecordBatch t1 = RecordBatchBuilder.create()
                .producer(5, (short) 0, 0)
                .transactional(true)
                .append(1, (byte) 0, "k".getBytes(), "aborted".getBytes())
                .build();
        log.append(t1);
        assertEquals(1, log.lastStableOffset());
        assertEquals(List.of("plain"), committed(0));
        log.appendMarker(5, (short) 0, false, 0);
        assertEquals(3, log.lastStableOffset());
        RecordBatch t2 = RecordBatchBuilder.create()
                .producer(5, (short) 0, 1)
                .transactional(true)
                .append(1, (byte) 0, "k".getBytes(), "committed".getBytes())
                .build();
        log.append(t2);
        log.append(batch(1, "after-open"));
        assertEquals(List.of("plain"), committed(0));
        log.appendMarker(5, (short) 0, true, 0);
        assertEquals(List.of("plain", "committed", "after-open"), committed(0));
        log.closeAbruptly();
        open(small());
        assertEquals(List.of("plain", "committed", "after-open"), committed(0));
    }

    private List<String> committed(long from) {
        List<String> out = new ArrayList<>();
        long next = from;
        while (next < log.lastStableOffset()) {
            FetchResult r = log.read(next, 10_000, IsolationLevel.READ_COMMITTED);
            for (Record rec : r.records(next)) {
                out.add(new String(rec.valueBytes(), StandardCharsets.UTF_8));
            }
            next = r.nextOffset();
        }
        return out;
    }

    @Test
    void indexLookupsLandOnTheRightBatchInLargeSegments() {
        open(LogConfig.defaults().withLimits(1 << 20, 128, 1 << 16));
        for (int i = 0; i < 2000; i++) {
            log.append(batch(clock.millis(), "v" + i));
        }
        for (int i = 0; i < 2000; i += 97) {
            FetchResult r = log.read(i, 1, IsolationLevel.READ_UNCOMMITTED);
            assertEquals(i, r.batches().get(0).baseOffset());
            assertArrayEquals(("v" + i).getBytes(), r.records(i).get(0).valueBytes());
        }
    }

    @Test
    void diskFullIsAClearErrorAndWritesNothing() throws Exception {
        Path devFull = Path.of("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(devFull), "needs /dev/full");
        Files.createDirectories(dir);
        Files.createSymbolicLink(LogFiles.logFile(dir, 0), devFull); // every write fails with ENOSPC
        open(small());
        dev.sluice.logengine.DiskFullException e =
                assertThrows(dev.sluice.logengine.DiskFullException.class, () -> log.append(batch(1, "a")));
        assertTrue(e.getMessage().contains("disk full"), e.getMessage());
        assertEquals(0, log.logEndOffset());
        assertEquals(0, log.highWatermark());
        assertTrue(log.read(0, 100, IsolationLevel.READ_UNCOMMITTED).isEmpty());
        log.closeAbruptly(); // fsync of /dev/full fails with EINVAL
    }

    @Test
    void appendLeavesTheCallersBatchUntouchedSoItCanGoToSeveralPartitionsAtOnce() throws Exception {
        open(small());
        PartitionLog other =
                PartitionLog.open(new TopicPartition("t", 1), dir.resolve("other"), small(), clock, 0, false);
        RecordBatch shared = batch(1, "a", "b");
        log.append(batch(1, "x"));
        Thread t = new Thread(() -> {
            for (int i = 0; i < 500; i++) {
                other.append(shared);
            }
        });
        t.start();
        for (int i = 0; i < 500; i++) {
            log.append(shared);
        }
        t.join();
        assertEquals(0, shared.baseOffset());
        assertEquals(1001, log.logEndOffset());
        assertEquals(1000, other.logEndOffset());
        FetchResult r = other.read(998, 100, IsolationLevel.READ_UNCOMMITTED);
        assertEquals(998, r.batches().get(0).baseOffset());
        log.close();
        other.close();
        open(small()); // recovery with contiguity checks accepts what was written
        assertEquals(1001, log.logEndOffset());
    }

    @Test
    void fetchesOfInactiveSegmentsAreReadOnlyViewsOfTheirMapAndSurviveTheSegmentsDeletion() {
        open(small().withRetention(10_000, -1));
        for (int i = 0; i < 100; i++) {
            log.append(batch(clock.millis(), "v" + i + "-".repeat(40)));
        }
        assertTrue(log.segmentCount() > 2);
        FetchResult old = log.read(0, 1000, IsolationLevel.READ_UNCOMMITTED);
        RecordBatch first = old.batches().get(0);
        assertTrue(first.buffer().isDirect() && first.buffer().isReadOnly(), "a view of the map, not a copy");
        // Retention deletes the segment (and its file) while the caller still holds the batch.
        clock.advance(10_001);
        log.forceRoll();
        log.append(batch(clock.millis(), "fresh"));
        assertTrue(log.deleteOldSegments() > 0);
        assertTrue(log.logStartOffset() > 0);
        first.ensureValid();
        assertEquals("v0" + "-".repeat(40), new String(first.records().get(0).valueBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void theActiveSegmentsNewestBytesAreCopiedUntilItHasGrownEnoughToMapAgain() {
        open(LogConfig.defaults().withSegment(64 << 20, 600_000));
        String big = "x".repeat(1000);
        log.append(batch(clock.millis(), big));
        FetchResult tail = log.read(0, 1 << 20, IsolationLevel.READ_UNCOMMITTED);
        assertFalse(tail.batches().get(0).buffer().isDirect(), "a small unmapped tail is read with a copy");
        int appended = 1;
        while (log.sizeInBytes() < LogSegment.REMAP_GROWTH + 4096) {
            String[] values = new String[100];
            java.util.Arrays.fill(values, big);
            log.append(batch(clock.millis(), values));
            appended += 100;
        }
        FetchResult mapped = log.read(0, 1 << 20, IsolationLevel.READ_UNCOMMITTED);
        assertTrue(mapped.batches().get(0).buffer().isDirect(), "grown past REMAP_GROWTH: mapped");
        // Every record is there, in order, whichever way it was read.
        List<String> all = values(log, 0);
        assertEquals(appended, all.size());
        assertTrue(all.stream().allMatch(big::equals));
    }
}
