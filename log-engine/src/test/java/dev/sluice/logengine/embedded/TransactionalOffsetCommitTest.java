package dev.sluice.logengine.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sluice.logengine.FlushPolicy;
import dev.sluice.logengine.InvalidProducerEpochException;
import dev.sluice.logengine.IsolationLevel;
import dev.sluice.logengine.MutableClock;
import dev.sluice.logengine.ProducerIdentity;
import dev.sluice.logengine.TopicPartition;
import dev.sluice.logengine.TopicSpec;
import dev.sluice.logengine.storage.CheckpointFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Consumer-group offsets committed inside a producer transaction (Kafka's TxnOffsetCommit). */
class TransactionalOffsetCommitTest {
    static final TopicPartition IN = new TopicPartition("in", 0);
    static final TopicPartition OUT = new TopicPartition("out", 0);

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(5_000_000);
    EmbeddedLog log;

    void open(FlushPolicy flush) {
        log = EmbeddedLog.open(dir, EmbeddedLogConfig.defaults().withFlush(flush, 50), clock);
        if (log.describeTopic("out").isEmpty()) {
            log.createTopic("out", TopicSpec.of(1)).join();
        }
    }

    void crashAndReopen(FlushPolicy flush) {
        log.closeAbruptly();
        log = null;
        open(flush);
    }

    @AfterEach
    void close() {
        if (log != null) {
            log.close();
        }
    }

    List<String> committedOutput() {
        return EmbeddedLogTestSupport.values(log, OUT, IsolationLevel.READ_COMMITTED);
    }

    @ParameterizedTest
    @EnumSource(
            value = FlushPolicy.class,
            names = {"OS", "ALWAYS"})
    void offsetsAppearOnlyWhenTheTransactionCommitsAndSurviveARestart(FlushPolicy flush) {
        open(flush);
        log.commitOffsets("g", Map.of(IN, 1L)).join();
        ProducerIdentity p = log.initProducer("query-1");
        log.append(OUT, EmbeddedLogTest.txnBatch(p, 0, "out-1")).join();
        log.commitOffsetsInTransaction(p, "g", Map.of(IN, 5L)).join();
        // Open transaction: neither the output nor the new input position is visible.
        assertEquals(Map.of(IN, 1L), log.fetchOffsets("g"));
        assertEquals(List.of(), committedOutput());
        log.endTransaction(p, true).join();
        assertEquals(Map.of(IN, 5L), log.fetchOffsets("g"));
        assertEquals(List.of("out-1"), committedOutput());
        crashAndReopen(flush); // the cache is rebuilt from the log, markers included
        assertEquals(Map.of(IN, 5L), log.fetchOffsets("g"));
        log.close();
        log = null;
        open(flush); // and after a clean shutdown
        assertEquals(Map.of(IN, 5L), log.fetchOffsets("g"));
    }

    @Test
    void abortedOffsetsAreDroppedLiveAndOnReplay() {
        open(FlushPolicy.OS);
        log.commitOffsets("g", Map.of(IN, 1L)).join();
        ProducerIdentity p = log.initProducer("query-1");
        log.append(OUT, EmbeddedLogTest.txnBatch(p, 0, "lost")).join();
        log.commitOffsetsInTransaction(p, "g", Map.of(IN, 7L)).join();
        log.endTransaction(p, false).join();
        assertEquals(Map.of(IN, 1L), log.fetchOffsets("g"));
        crashAndReopen(FlushPolicy.OS); // replay skips the aborted batch
        assertEquals(Map.of(IN, 1L), log.fetchOffsets("g"));
        p = log.initProducer("query-1");
        // The next transaction of the same producer commits; only its offsets count.
        log.append(OUT, EmbeddedLogTest.txnBatch(p, 0, "kept")).join();
        log.commitOffsetsInTransaction(p, "g", Map.of(IN, 8L)).join();
        log.endTransaction(p, true).join();
        assertEquals(Map.of(IN, 8L), log.fetchOffsets("g"));
        assertEquals(List.of("kept"), committedOutput());
        crashAndReopen(FlushPolicy.OS);
        assertEquals(Map.of(IN, 8L), log.fetchOffsets("g"));
        // A plain commit after the transaction still works and wins.
        log.commitOffsets("g", Map.of(IN, 9L)).join();
        assertEquals(Map.of(IN, 9L), log.fetchOffsets("g"));
    }

    @Test
    void aCrashBeforeTheCommitLosesTheOffsetsAndLeavesTheOffsetsTopicReadable() {
        open(FlushPolicy.OS);
        log.commitOffsets("g", Map.of(IN, 1L)).join();
        ProducerIdentity p = log.initProducer("query-1");
        log.append(OUT, EmbeddedLogTest.txnBatch(p, 0, "half")).join();
        log.commitOffsetsInTransaction(p, "g", Map.of(IN, 9L)).join();
        crashAndReopen(FlushPolicy.OS);
        assertEquals(Map.of(IN, 1L), log.fetchOffsets("g"));
        assertEquals(List.of(), committedOutput());
        // Start-up aborted the dead transaction, so later commits of any kind go through and stay.
        log.commitOffsets("g", Map.of(IN, 2L)).join();
        ProducerIdentity again = log.initProducer("query-1");
        log.commitOffsetsInTransaction(again, "g", Map.of(IN, 3L)).join();
        log.endTransaction(again, true).join();
        assertEquals(Map.of(IN, 3L), log.fetchOffsets("g"));
        crashAndReopen(FlushPolicy.OS);
        assertEquals(Map.of(IN, 3L), log.fetchOffsets("g"));
    }

    @Test
    void aCrashAfterTheCommitDecisionButBeforeTheMarkersCompletesTheCommitOnRestart() throws Exception {
        open(FlushPolicy.OS);
        ProducerIdentity p = log.initProducer("query-1");
        log.append(OUT, EmbeddedLogTest.txnBatch(p, 0, "decided")).join();
        log.commitOffsetsInTransaction(p, "g", Map.of(IN, 4L)).join();
        log.closeAbruptly();
        log = null;
        // What endTransaction writes durably before the first marker.
        CheckpointFile.writeLines(
                dir.resolve("pending-transactions"), List.of(p.producerId() + " " + p.epoch() + " COMMIT"));
        open(FlushPolicy.OS);
        assertEquals(Map.of(IN, 4L), log.fetchOffsets("g"));
        assertEquals(List.of("decided"), committedOutput());
    }

    @Test
    void aFencedProducerCannotCommitOffsetsAndItsPendingOffsetsAreAborted() {
        open(FlushPolicy.OS);
        log.commitOffsets("g", Map.of(IN, 1L)).join();
        ProducerIdentity zombie = log.initProducer("query-1");
        log.commitOffsetsInTransaction(zombie, "g", Map.of(IN, 6L)).join();
        ProducerIdentity fresh = log.initProducer("query-1"); // fences the zombie, aborts its transaction
        assertEquals(Map.of(IN, 1L), log.fetchOffsets("g"));
        CompletionException e = assertThrows(
                CompletionException.class, () -> log.commitOffsetsInTransaction(zombie, "g", Map.of(IN, 7L))
                        .join());
        assertInstanceOf(InvalidProducerEpochException.class, e.getCause());
        // The fresh instance's empty commit must not resurrect the zombie's offsets.
        log.commitOffsetsInTransaction(fresh, "g", Map.of(IN, 2L)).join();
        log.endTransaction(fresh, true).join();
        assertEquals(Map.of(IN, 2L), log.fetchOffsets("g"));
        crashAndReopen(FlushPolicy.OS);
        assertEquals(Map.of(IN, 2L), log.fetchOffsets("g"));
    }
}
