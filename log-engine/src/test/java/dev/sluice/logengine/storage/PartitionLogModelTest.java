package dev.sluice.logengine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sluice.logengine.FetchResult;
import dev.sluice.logengine.IsolationLevel;
import dev.sluice.logengine.MutableClock;
import dev.sluice.logengine.TopicPartition;
import dev.sluice.logengine.record.Record;
import dev.sluice.logengine.record.RecordBatch;
import dev.sluice.logengine.record.RecordBatchBuilder;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random operations (appends, fetches, clock moves, rolls, retention, compaction, clean
 * restarts, crashes that lose an unflushed tail) against a {@link PartitionLog} and an in-memory model
 * (offset -> record). After every step the log must agree with the model. A failure names its seed;
 * rerun with {@code -Dlog.model.seed=<seed>}.
 */
class PartitionLogModelTest {
    static final TopicPartition TP = new TopicPartition("m", 0);

    @TempDir
    Path dir;

    record Rec(String key, String value, long timestamp) {}

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void randomOperationsAgreeWithTheModel(boolean compact) throws Exception {
        String fixed = System.getProperty("log.model.seed");
        long[] seeds = fixed != null ? new long[] {Long.parseLong(fixed)} : new long[] {11, 22, 33, 44};
        for (long seed : seeds) {
            try {
                run(seed, compact, dir.resolve("s" + seed + compact));
            } catch (Throwable t) {
                throw new AssertionError("model test failed: seed=" + seed + " compact=" + compact + ": " + t, t);
            }
        }
    }

    private void run(long seed, boolean compact, Path d) throws Exception {
        Random rnd = new Random(seed);
        MutableClock clock = new MutableClock(1_000_000);
        LogConfig config = LogConfig.defaults()
                .withSegment(2048, 50_000)
                .withLimits(1 << 20, 200, 4096)
                .withRetention(compact ? -1 : 200_000, compact ? -1 : 12_000)
                .withCompaction(compact, 30_000);
        PartitionLog log = PartitionLog.open(TP, d, config, clock, 0, false);
        TreeMap<Long, Rec> model = new TreeMap<>();
        long logEnd = 0;
        for (int step = 0; step < 400; step++) {
            int op = rnd.nextInt(100);
            if (op < 50) {
                RecordBatchBuilder b = RecordBatchBuilder.create();
                int n = 1 + rnd.nextInt(5);
                List<Rec> recs = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    String key = "k" + rnd.nextInt(15);
                    String value = compact && rnd.nextInt(10) == 0 ? null : "v" + step + "." + i;
                    Rec r = new Rec(key, value, clock.millis());
                    recs.add(r);
                    b.append(
                            r.timestamp(),
                            (byte) 0,
                            key.getBytes(StandardCharsets.UTF_8),
                            value == null ? null : value.getBytes(StandardCharsets.UTF_8));
                }
                var res = log.append(b.build());
                assertEquals(logEnd, res.baseOffset(), "offsets continue without gaps or reuse");
                for (Rec r : recs) {
                    model.put(logEnd++, r);
                }
            } else if (op < 65) {
                long from = model.isEmpty()
                        ? log.logStartOffset()
                        : log.logStartOffset() + rnd.nextInt((int) (logEnd - log.logStartOffset() + 1));
                checkFrom(log, model, from, 1 + rnd.nextInt(2000));
            } else if (op < 72) {
                clock.advance(rnd.nextInt(30_000));
            } else if (op < 76) {
                log.forceRoll();
            } else if (op < 82) {
                long before = log.logStartOffset();
                if (compact) {
                    new LogCleaner(log).clean();
                    checkCompacted(log, model, clock.millis());
                } else {
                    log.deleteOldSegments();
                    assertTrue(log.logStartOffset() >= before);
                    model.headMap(log.logStartOffset()).clear();
                }
            } else if (op < 88) {
                log.close();
                log = PartitionLog.open(TP, d, config, clock, 0, true);
            } else if (op < 94) {
                // Crash: lose part of the unflushed tail of the active segment, as a power loss would.
                log.flush();
                long base = log.segmentBaseOffsets().get(log.segmentCount() - 1);
                log.closeAbruptly();
                Path file = LogFiles.logFile(d, base);
                byte[] bytes = Files.readAllBytes(file);
                int cut = bytes.length == 0 ? 0 : rnd.nextInt(bytes.length + 1);
                long expectedEnd = base;
                for (RecordBatch b : RecordBatch.splitAll(ByteBuffer.wrap(bytes, 0, cut))) {
                    expectedEnd = b.nextOffset();
                }
                try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
                    f.setLength(cut);
                }
                log = PartitionLog.open(TP, d, config, clock, 0, false);
                assertEquals(expectedEnd, log.logEndOffset(), "crash cut at " + cut + " of " + bytes.length);
                model.tailMap(expectedEnd).clear();
                logEnd = expectedEnd;
            } else {
                long ts = 1_000_000 + rnd.nextInt((int) (clock.millis() - 1_000_000 + 1));
                var found = log.offsetForTimestamp(ts);
                var expected = model.entrySet().stream()
                        .filter(e -> e.getValue().timestamp() >= ts)
                        .map(Map.Entry::getKey)
                        .findFirst();
                if (!compact) {
                    assertEquals(expected.orElse(-1L), found.isPresent() ? found.getAsLong() : -1L, "ts " + ts);
                }
            }
            assertEquals(logEnd, log.logEndOffset());
        }
        checkFrom(log, model, log.logStartOffset(), Integer.MAX_VALUE);
        log.close();
    }

    /** Everything from {@code from} on must match the model exactly, in order. */
    private static void checkFrom(PartitionLog log, TreeMap<Long, Rec> model, long from, int maxBytes) {
        List<Map.Entry<Long, Rec>> actual = new ArrayList<>();
        long next = from;
        while (next < log.highWatermark()) {
            FetchResult r = log.read(next, maxBytes, IsolationLevel.READ_UNCOMMITTED);
            for (Record rec : r.records(next)) {
                actual.add(Map.entry(rec.offset(), toRec(rec)));
            }
            assertTrue(r.nextOffset() > next, "fetch makes progress");
            next = r.nextOffset();
        }
        List<Map.Entry<Long, Rec>> expected =
                new ArrayList<>(model.tailMap(from).entrySet());
        if (!expected.equals(actual)) {
            fail("from " + from + ": expected " + expected.size() + " records, got " + actual.size() + "; first diff "
                    + firstDiff(expected, actual));
        }
    }

    private static String firstDiff(List<Map.Entry<Long, Rec>> a, List<Map.Entry<Long, Rec>> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            if (!a.get(i).equals(b.get(i))) {
                return a.get(i) + " vs " + b.get(i);
            }
        }
        return "lengths differ";
    }

    private static Rec toRec(Record r) {
        return new Rec(
                new String(r.keyBytes(), StandardCharsets.UTF_8),
                r.value() == null ? null : new String(r.valueBytes(), StandardCharsets.UTF_8),
                r.timestamp());
    }

    /**
     * After compaction: every surviving record equals the model's record at its offset; the latest
     * record of each key survives (a tombstone may be gone once its horizon passed, and then no older
     * record of the key may be visible either); the active segment is untouched. Then the model adopts
     * what survived.
     */
    private static void checkCompacted(PartitionLog log, TreeMap<Long, Rec> model, long now) {
        Map<Long, Rec> actual = new TreeMap<>();
        long next = log.logStartOffset();
        while (next < log.highWatermark()) {
            FetchResult r = log.read(next, 1 << 20, IsolationLevel.READ_UNCOMMITTED);
            for (Record rec : r.records(next)) {
                actual.put(rec.offset(), toRec(rec));
            }
            next = r.nextOffset();
        }
        Map<String, Long> latest = new HashMap<>();
        model.forEach((off, rec) -> latest.put(rec.key(), off));
        for (Map.Entry<Long, Rec> e : actual.entrySet()) {
            assertEquals(model.get(e.getKey()), e.getValue(), "surviving record at " + e.getKey());
        }
        long activeBase = log.segmentBaseOffsets().get(log.segmentCount() - 1);
        for (Map.Entry<String, Long> e : latest.entrySet()) {
            Rec rec = model.get(e.getValue());
            if (rec.value() != null || e.getValue() >= activeBase) {
                assertTrue(actual.containsKey(e.getValue()), "latest record of " + e.getKey() + " at " + e.getValue());
            } else if (!actual.containsKey(e.getValue())) {
                for (Map.Entry<Long, Rec> a : actual.entrySet()) {
                    assertTrue(
                            !Objects.equals(a.getValue().key(), e.getKey()) || a.getKey() > e.getValue(),
                            "an older record of deleted key " + e.getKey() + " came back");
                }
            }
        }
        for (Long off : model.tailMap(activeBase).keySet()) {
            assertTrue(actual.containsKey(off), "active segment record " + off);
        }
        model.clear();
        model.putAll(actual);
    }
}
