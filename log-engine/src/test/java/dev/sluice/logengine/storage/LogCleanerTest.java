package dev.sluice.logengine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.logengine.FetchResult;
import dev.sluice.logengine.IsolationLevel;
import dev.sluice.logengine.MutableClock;
import dev.sluice.logengine.TopicPartition;
import dev.sluice.logengine.record.Record;
import dev.sluice.logengine.record.RecordBatchBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogCleanerTest {
    static final TopicPartition TP = new TopicPartition("c", 0);

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(10_000);
    final LogConfig config =
            LogConfig.defaults().withSegment(1 << 20, 3_600_000).withCompaction(true, 60_000);

    private static List<String> contents(PartitionLog log) {
        List<String> out = new ArrayList<>();
        long next = log.logStartOffset();
        while (next < log.highWatermark()) {
            FetchResult r = log.read(next, 1 << 20, IsolationLevel.READ_UNCOMMITTED);
            for (Record rec : r.records(next)) {
                out.add(rec.offset() + ":" + new String(rec.keyBytes()) + "=" + new String(rec.valueBytes()));
            }
            next = r.nextOffset();
        }
        return out;
    }

    private void fill(Path d) {
        PartitionLog log = PartitionLog.open(TP, d, config, clock, 0, false);
        for (int i = 0; i < 50; i++) {
            log.append(RecordBatchBuilder.create()
                    .append(clock.millis(), (byte) 0, ("k" + i % 5).getBytes(), ("v" + i).getBytes())
                    .build());
        }
        log.forceRoll();
        log.close();
    }

    @Test
    void interruptedCompactionIsRolledBackOrCompletedOnOpen() throws Exception {
        Path compacted = dir.resolve("a");
        Path crashedAfterSwap = dir.resolve("b");
        Path crashedBeforeSwap = dir.resolve("c");
        fill(compacted);
        fill(crashedAfterSwap);
        fill(crashedBeforeSwap);
        PartitionLog a = PartitionLog.open(TP, compacted, config, clock, 0, true);
        assertTrue(new LogCleaner(a).clean() > 0);
        List<String> expected = contents(a);
        assertEquals(5, expected.size());
        a.close();
        Path segment = LogFiles.logFile(compacted, 0);

        // Crash after .cleaned -> .swap: the swap is committed and must be completed.
        Files.copy(segment, crashedAfterSwap.resolve(segment.getFileName() + LogFiles.SWAP_SUFFIX));
        PartitionLog b = PartitionLog.open(TP, crashedAfterSwap, config, clock, 0, false);
        assertEquals(expected, contents(b));
        b.close();

        // Crash while writing .cleaned: it is discarded and the old segment stays.
        Files.copy(
                segment,
                crashedBeforeSwap.resolve(segment.getFileName() + LogFiles.CLEANED_SUFFIX),
                StandardCopyOption.REPLACE_EXISTING);
        PartitionLog c = PartitionLog.open(TP, crashedBeforeSwap, config, clock, 0, false);
        assertEquals(50, contents(c).size());
        c.close();
        for (Path d : List.of(crashedAfterSwap, crashedBeforeSwap)) {
            try (Stream<Path> files = Files.list(d)) {
                assertFalse(files.anyMatch(p -> p.toString().endsWith(LogFiles.SWAP_SUFFIX)
                        || p.toString().endsWith(LogFiles.CLEANED_SUFFIX)));
            }
        }
    }

    @Test
    void openTransactionsAndTheActiveSegmentAreNotCleaned() {
        PartitionLog log = PartitionLog.open(TP, dir.resolve("t"), config, clock, 0, false);
        for (int i = 0; i < 10; i++) {
            log.append(RecordBatchBuilder.create()
                    .append(1, (byte) 0, "k".getBytes(), ("v" + i).getBytes())
                    .build());
        }
        assertEquals(0, new LogCleaner(log).clean(), "only the active segment exists");
        log.append(RecordBatchBuilder.create()
                .producer(1, (short) 0, 0)
                .transactional(true)
                .append(1, (byte) 0, "k".getBytes(), "open".getBytes())
                .build());
        log.forceRoll();
        assertEquals(0, new LogCleaner(log).clean(), "the segment holds an open transaction");
        log.appendMarker(1, (short) 0, true, 0);
        log.forceRoll();
        assertTrue(new LogCleaner(log).clean() > 0);
        assertEquals(List.of("10:k=open"), contents(log));
        log.close();
    }
}
