package dev.sluice.logengine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.logengine.FlushPolicy;
import dev.sluice.logengine.MutableClock;
import dev.sluice.logengine.OutOfOrderSequenceException;
import dev.sluice.logengine.TopicPartition;
import dev.sluice.logengine.TopicSpec;
import dev.sluice.logengine.embedded.EmbeddedLog;
import dev.sluice.logengine.embedded.EmbeddedLogConfig;
import dev.sluice.logengine.record.RecordBatch;
import dev.sluice.logengine.record.RecordBatchBuilder;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code producer.id.expiration.ms}: idle producer state is dropped, driven by an injected clock. */
class ProducerExpiryTest {
    static final TopicPartition TP = new TopicPartition("t", 0);
    static final long EXPIRY = 60_000;

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(10_000_000);
    PartitionLog log;

    PartitionLog open() {
        log = PartitionLog.open(TP, dir, PartitionLogTest.small().withProducerIdExpirationMs(EXPIRY), clock, 0, false);
        return log;
    }

    @AfterEach
    void closeLog() {
        if (log != null && !log.isClosed()) {
            log.close();
        }
    }

    /** Record timestamps far in the past: event times, which must not drive expiry. */
    static RecordBatch idempotent(long pid, int seq, String v) {
        return RecordBatchBuilder.create()
                .producer(pid, (short) 0, seq)
                .append(1, (byte) 0, "k".getBytes(), v.getBytes())
                .build();
    }

    static RecordBatch transactional(long pid, int seq, String v) {
        return RecordBatchBuilder.create()
                .producer(pid, (short) 0, seq)
                .transactional(true)
                .append(1, (byte) 0, "k".getBytes(), v.getBytes())
                .build();
    }

    @Test
    void anIdleProducerExpiresAfterTheExpirationAndNotBefore() {
        open();
        RecordBatch first = idempotent(7, 0, "a");
        log.append(first);
        clock.advance(EXPIRY - 1);
        assertEquals(0, log.removeExpiredProducers());
        assertTrue(log.append(first).duplicate(), "still known: a retry is recognised");
        clock.advance(1);
        assertEquals(1, log.removeExpiredProducers());
        assertEquals(0, log.producerCount());
        // Forgotten: its next sequence is refused with a clear error, a fresh start at 0 is accepted.
        OutOfOrderSequenceException e =
                assertThrows(OutOfOrderSequenceException.class, () -> log.append(idempotent(7, 1, "b")));
        assertTrue(e.getMessage().contains("expired"), e.getMessage());
        assertFalse(log.append(idempotent(7, 0, "again")).duplicate());
        assertEquals(1, log.producerCount());
    }

    @Test
    void eachWriteRestartsTheIdleClockAndOthersExpireIndependently() {
        open();
        log.append(idempotent(1, 0, "a"));
        log.append(idempotent(2, 0, "a"));
        clock.advance(EXPIRY / 2);
        log.append(idempotent(2, 1, "b"));
        clock.advance(EXPIRY / 2);
        assertEquals(1, log.removeExpiredProducers());
        assertEquals(1, log.producerCount());
        assertEquals(3, log.append(idempotent(2, 2, "c")).baseOffset(), "producer 2 goes on");
    }

    @Test
    void aProducerWithAnOpenTransactionNeverExpires() {
        open();
        log.append(transactional(5, 0, "open"));
        clock.advance(10 * EXPIRY);
        assertEquals(0, log.removeExpiredProducers());
        assertEquals(0, log.lastStableOffset(), "the open transaction still holds the LSO");
        log.appendMarker(5, (short) 0, true, 0);
        assertEquals(log.highWatermark(), log.lastStableOffset());
        clock.advance(EXPIRY);
        assertEquals(1, log.removeExpiredProducers());
    }

    @Test
    void expiryHoldsAcrossACleanRestartAndACrashNeverExpiresAProducerThatWasJustWriting() {
        open();
        log.append(idempotent(1, 0, "old"));
        clock.advance(EXPIRY);
        log.append(idempotent(2, 0, "recent"));
        assertEquals(1, log.removeExpiredProducers());
        log.close(); // snapshot without producer 1
        open();
        assertEquals(1, log.producerCount());
        assertTrue(log.append(idempotent(2, 0, "recent")).duplicate());
        // Crash: no snapshot of what follows; replay finds producer 3's batch, whose record timestamp (1)
        // is decades old. It was written just now, so it must survive the load and stay idempotent.
        RecordBatch third = idempotent(3, 0, "x");
        log.append(third);
        log.closeAbruptly();
        open();
        assertTrue(log.append(third).duplicate());
        // Producer 2's last write was before the snapshot: it expires by its real age.
        clock.advance(EXPIRY);
        log.removeExpiredProducers();
        assertThrows(OutOfOrderSequenceException.class, () -> log.append(idempotent(2, 1, "late")));
    }

    @Test
    void theEmbeddedLogExpiresAtMaintenanceWithTheConfiguredExpirationAndDefaultsToOneDay() {
        assertEquals(24L * 3600 * 1000, EmbeddedLogConfig.defaults().producerIdExpirationMs());
        try (EmbeddedLog embedded = EmbeddedLog.open(
                dir.resolve("embedded"),
                EmbeddedLogConfig.defaults().withFlush(FlushPolicy.OS, 50).withProducerIdExpirationMs(EXPIRY),
                clock)) {
            embedded.createTopic("t", TopicSpec.of(1)).join();
            embedded.append(TP, idempotent(11, 0, "a")).join();
            embedded.runMaintenance();
            assertEquals(1, embedded.partition(TP).producerCount());
            clock.advance(EXPIRY);
            embedded.runMaintenance();
            assertEquals(0, embedded.partition(TP).producerCount());
        }
    }
}
