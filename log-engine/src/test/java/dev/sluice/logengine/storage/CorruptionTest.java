package dev.sluice.logengine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.logengine.FetchResult;
import dev.sluice.logengine.IsolationLevel;
import dev.sluice.logengine.MutableClock;
import dev.sluice.logengine.TopicPartition;
import dev.sluice.logengine.record.Record;
import dev.sluice.logengine.record.RecordBatch;
import dev.sluice.logengine.record.RecordBatchBuilder;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damages the tail of the active segment while the log is closed (after a clean or an abrupt close)
 * and checks that opening cuts the log exactly before the first damaged batch, keeps everything
 * before it, never returns a damaged record, and continues offsets from the cut.
 */
class CorruptionTest {
    static final TopicPartition TP = new TopicPartition("c", 0);
    static final int BATCHES = 60;

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(1_000);

    record Written(long base, long last, int position, int size, List<String> values) {}

    private List<Written> fill(PartitionLog log, Random rnd) {
        List<Written> out = new ArrayList<>();
        int pos = 0;
        for (int i = 0; i < BATCHES; i++) {
            RecordBatchBuilder b = RecordBatchBuilder.create();
            List<String> values = new ArrayList<>();
            int n = 1 + rnd.nextInt(4);
            for (int j = 0; j < n; j++) {
                String v = "b" + i + "r" + j + "-" + "x".repeat(rnd.nextInt(80));
                values.add(v);
                b.append(clock.millis(), (byte) (j % 4), ("k" + j).getBytes(), v.getBytes(StandardCharsets.UTF_8));
            }
            RecordBatch batch = b.build();
            var r = log.append(batch);
            out.add(new Written(r.baseOffset(), r.lastOffset(), pos, batch.sizeInBytes(), values));
            pos += batch.sizeInBytes();
        }
        return out;
    }

    private static List<String> readAll(PartitionLog log) {
        List<String> out = new ArrayList<>();
        long next = log.logStartOffset();
        while (next < log.highWatermark()) {
            FetchResult r = log.read(next, 1 << 16, IsolationLevel.READ_UNCOMMITTED);
            for (RecordBatch b : r.batches()) {
                b.ensureValid();
            }
            for (Record rec : r.records(next)) {
                out.add(new String(rec.valueBytes(), StandardCharsets.UTF_8));
            }
            next = r.nextOffset();
        }
        return out;
    }

    private static List<String> valuesBefore(List<Written> ws, int batchIndex) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < batchIndex; i++) {
            out.addAll(ws.get(i).values());
        }
        return out;
    }

    @Test
    void flippedBytesInTheTailCutTheLogBeforeTheDamagedBatch() throws Exception {
        for (int trial = 0; trial < 30; trial++) {
            long seed = 1000 + trial;
            Path d = dir.resolve("flip" + trial);
            Random rnd = new Random(seed);
            PartitionLog log = PartitionLog.open(TP, d, LogConfig.defaults(), clock, 0, false);
            List<Written> ws = fill(log, rnd);
            boolean clean = rnd.nextBoolean();
            if (clean) {
                log.close();
            } else {
                log.closeAbruptly();
            }
            int total = ws.get(ws.size() - 1).position() + ws.get(ws.size() - 1).size();
            int at = total - 1 - rnd.nextInt(total / 3);
            int k = 0;
            while (ws.get(k).position() + ws.get(k).size() <= at) {
                k++;
            }
            int within = at - ws.get(k).position();
            try (RandomAccessFile f =
                    new RandomAccessFile(LogFiles.logFile(d, 0).toFile(), "rw")) {
                f.seek(at);
                int old = f.read();
                f.seek(at);
                f.write(old ^ (1 << rnd.nextInt(8)));
            }
            // The partition leader epoch (bytes 12..15) is outside the CRC by design and unused here.
            boolean harmless = within >= RecordBatch.PARTITION_LEADER_EPOCH_OFFSET && within < RecordBatch.MAGIC_OFFSET;
            int keep = harmless ? ws.size() : k;
            PartitionLog reopened = PartitionLog.open(TP, d, LogConfig.defaults(), clock, 0, clean);
            String ctx =
                    "seed=" + seed + " clean=" + clean + " flip at " + at + " (batch " + k + " byte " + within + ")";
            long expectedEnd = keep == ws.size()
                    ? ws.get(ws.size() - 1).last() + 1
                    : ws.get(keep).base();
            assertEquals(expectedEnd, reopened.logEndOffset(), ctx);
            assertEquals(valuesBefore(ws, keep), readAll(reopened), ctx);
            assertEquals(
                    expectedEnd,
                    reopened.append(RecordBatchBuilder.create()
                                    .append(1, (byte) 0, "k".getBytes(), "after".getBytes())
                                    .build())
                            .baseOffset(),
                    ctx);
            reopened.close();
        }
    }

    @Test
    void cutBytesLeaveOnlyWholeBatches() throws Exception {
        for (int trial = 0; trial < 30; trial++) {
            long seed = 2000 + trial;
            Path d = dir.resolve("cut" + trial);
            Random rnd = new Random(seed);
            PartitionLog log = PartitionLog.open(TP, d, LogConfig.defaults(), clock, 0, false);
            List<Written> ws = fill(log, rnd);
            boolean clean = rnd.nextBoolean();
            if (clean) {
                log.close();
            } else {
                log.closeAbruptly();
            }
            int total = ws.get(ws.size() - 1).position() + ws.get(ws.size() - 1).size();
            int length = total - 1 - rnd.nextInt(total / 3);
            try (RandomAccessFile f =
                    new RandomAccessFile(LogFiles.logFile(d, 0).toFile(), "rw")) {
                f.setLength(length);
            }
            int k = 0;
            while (ws.get(k).position() + ws.get(k).size() <= length) {
                k++;
            }
            PartitionLog reopened = PartitionLog.open(TP, d, LogConfig.defaults(), clock, 0, clean);
            String ctx = "seed=" + seed + " clean=" + clean + " cut to " + length;
            assertEquals(ws.get(k).base(), reopened.logEndOffset(), ctx);
            assertEquals(valuesBefore(ws, k), readAll(reopened), ctx);
            assertEquals(ws.get(k).position(), java.nio.file.Files.size(LogFiles.logFile(d, 0)), ctx);
            reopened.close();
        }
    }
}
