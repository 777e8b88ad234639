package dev.sluice.logengine.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.logengine.AppendResult;
import dev.sluice.logengine.CleanupPolicy;
import dev.sluice.logengine.FetchResult;
import dev.sluice.logengine.FlushPolicy;
import dev.sluice.logengine.InvalidProducerEpochException;
import dev.sluice.logengine.InvalidRecordException;
import dev.sluice.logengine.InvalidTopicException;
import dev.sluice.logengine.IsolationLevel;
import dev.sluice.logengine.LogStorageException;
import dev.sluice.logengine.MutableClock;
import dev.sluice.logengine.ProducerIdentity;
import dev.sluice.logengine.TopicExistsException;
import dev.sluice.logengine.TopicPartition;
import dev.sluice.logengine.TopicSpec;
import dev.sluice.logengine.UnknownTopicOrPartitionException;
import dev.sluice.logengine.record.Record;
import dev.sluice.logengine.record.RecordBatch;
import dev.sluice.logengine.record.RecordBatchBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedLogTest {
    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(5_000_000);
    EmbeddedLog log;

    EmbeddedLog open(FlushPolicy flush) {
        log = EmbeddedLog.open(dir, EmbeddedLogConfig.defaults().withFlush(flush, 50), clock);
        return log;
    }

    @AfterEach
    void close() {
        if (log != null) {
            log.close();
        }
    }

    static RecordBatch batch(String... values) {
        RecordBatchBuilder b = RecordBatchBuilder.create();
        for (String v : values) {
            b.append(1000, (byte) 0, ("k-" + v).getBytes(StandardCharsets.UTF_8), v.getBytes(StandardCharsets.UTF_8));
        }
        return b.build();
    }

    static RecordBatch txnBatch(ProducerIdentity p, int seq, String v) {
        return RecordBatchBuilder.create()
                .producer(p.producerId(), p.epoch(), seq)
                .transactional(true)
                .append(1000, (byte) 0, ("k-" + v).getBytes(StandardCharsets.UTF_8), v.getBytes(StandardCharsets.UTF_8))
                .build();
    }

    List<String> read(TopicPartition tp, IsolationLevel iso) {
        List<String> out = new ArrayList<>();
        long next = log.describeTopic(tp.topic())
                .get()
                .partitions()
                .get(tp.partition())
                .logStartOffset();
        while (true) {
            FetchResult r = log.fetch(tp, next, 1 << 16, iso);
            if (r.isEmpty() && r.nextOffset() == next) {
                return out;
            }
            for (Record rec : r.records(next)) {
                out.add(new String(rec.valueBytes(), StandardCharsets.UTF_8));
            }
            next = r.nextOffset();
        }
    }

    @Test
    void topicLifecycle() {
        open(FlushPolicy.OS);
        log.createTopic("orders", TopicSpec.of(3)).join();
        log.createTopic("users", TopicSpec.of(1).withCleanupPolicy(CleanupPolicy.COMPACT))
                .join();
        log.createTopic("__sluice_query_7", TopicSpec.of(1)).join();
        assertEquals(List.of("orders", "users"), log.listTopics());
        assertEquals(List.of("__sluice_query_7"), log.listSystemTopics());
        assertEquals(3, log.describeTopic("orders").get().partitions().size());
        assertEquals(
                CleanupPolicy.COMPACT, log.describeTopic("users").get().spec().cleanupPolicy());
        CompletionException dup =
                assertThrows(CompletionException.class, () -> log.createTopic("orders", TopicSpec.of(1))
                        .join());
        assertInstanceOf(TopicExistsException.class, dup.getCause());
        assertInstanceOf(
                InvalidTopicException.class,
                assertThrows(CompletionException.class, () -> log.createTopic("bad/name", TopicSpec.of(1))
                                .join())
                        .getCause());
        log.append(new TopicPartition("orders", 2), batch("a")).join();
        log.close();
        open(FlushPolicy.OS);
        assertEquals(List.of("orders", "users"), log.listTopics());
        assertEquals(List.of("a"), read(new TopicPartition("orders", 2), IsolationLevel.READ_UNCOMMITTED));
        log.deleteTopic("orders").join();
        assertFalse(log.describeTopic("orders").isPresent());
        assertFalse(Files.exists(dir.resolve("orders-0")));
        assertThrows(
                UnknownTopicOrPartitionException.class,
                () -> log.fetch(new TopicPartition("orders", 0), 0, 100, IsolationLevel.READ_UNCOMMITTED));
        CompletionException e =
                assertThrows(CompletionException.class, () -> log.append(new TopicPartition("users", 1), batch("x"))
                        .join());
        assertInstanceOf(UnknownTopicOrPartitionException.class, e.getCause());
    }

    @Test
    void secondOpenOfTheSameDirectoryFails() {
        open(FlushPolicy.OS);
        assertThrows(LogStorageException.class, () -> EmbeddedLog.open(dir, EmbeddedLogConfig.defaults(), clock));
    }

    @Test
    void longPollWakesOnAppendAndTimesOutWhenNothingComes() throws Exception {
        open(FlushPolicy.OS);
        log.createTopic("t", TopicSpec.of(1)).join();
        TopicPartition tp = new TopicPartition("t", 0);
        long start = System.nanoTime();
        FetchResult none = log.fetchWait(tp, 0, 1000, IsolationLevel.READ_UNCOMMITTED, Duration.ofMillis(100))
                .get(5, TimeUnit.SECONDS);
        assertTrue(none.isEmpty());
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(90));
        CompletableFuture<FetchResult> waiting =
                log.fetchWait(tp, 0, 1000, IsolationLevel.READ_UNCOMMITTED, Duration.ofSeconds(30));
        Thread.sleep(50);
        assertFalse(waiting.isDone());
        long appended = System.nanoTime();
        log.append(tp, batch("hello")).join();
        FetchResult got = waiting.get(5, TimeUnit.SECONDS);
        assertTrue(System.nanoTime() - appended < TimeUnit.SECONDS.toNanos(2), "woke by the append, not a timer");
        assertEquals("hello", new String(got.records(0).get(0).valueBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void alwaysFlushGroupCommitsConcurrentWriters() throws Exception {
        open(FlushPolicy.ALWAYS);
        log.createTopic("t", TopicSpec.of(2)).join();
        int writers = 8;
        int perWriter = 100;
        List<Thread> threads = new ArrayList<>();
        List<AppendResult> results = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int w = 0; w < writers; w++) {
            int id = w;
            threads.add(new Thread(() -> {
                for (int i = 0; i < perWriter; i++) {
                    results.add(log.append(new TopicPartition("t", id % 2), batch("w" + id + "-" + i))
                            .join());
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(writers * perWriter, results.size());
        for (int p = 0; p < 2; p++) {
            var info = log.describeTopic("t").get().partitions().get(p);
            assertEquals(writers * perWriter / 2, info.highWatermark());
            assertEquals(
                    info.highWatermark(),
                    log.partition(new TopicPartition("t", p)).recoveryPoint());
        }
        // Acked appends are fsynced; while one fsync ran the others queued up behind it.
        long rounds = logFlusherRounds();
        assertTrue(rounds < writers * perWriter, "fsync rounds " + rounds + " should be fewer than appends");
    }

    private long logFlusherRounds() throws Exception {
        var f = EmbeddedLog.class.getDeclaredField("flusher");
        f.setAccessible(true);
        return ((GroupCommitFlusher) f.get(log)).fsyncRounds();
    }

    @Test
    void consumerOffsetsAreStoredAndSurviveRestart() {
        open(FlushPolicy.OS);
        TopicPartition a = new TopicPartition("t", 0);
        TopicPartition b = new TopicPartition("t", 1);
        log.commitOffsets("g1", Map.of(a, 5L, b, 7L)).join();
        log.commitOffsets("g1", Map.of(a, 9L)).join();
        log.commitOffsets("g2", Map.of(a, 1L)).join();
        assertEquals(Map.of(a, 9L, b, 7L), log.fetchOffsets("g1"));
        log.closeAbruptly();
        log = null;
        open(FlushPolicy.OS);
        assertEquals(Map.of(a, 9L, b, 7L), log.fetchOffsets("g1"));
        assertEquals(Map.of(a, 1L), log.fetchOffsets("g2"));
        assertEquals(Map.of(), log.fetchOffsets("none"));
    }

    @Test
    void transactionsCommitAndAbortAcrossPartitions() {
        open(FlushPolicy.ALWAYS);
        log.createTopic("t", TopicSpec.of(2)).join();
        TopicPartition p0 = new TopicPartition("t", 0);
        TopicPartition p1 = new TopicPartition("t", 1);
        ProducerIdentity p = log.initProducer("sink-1");
        log.append(p0, txnBatch(p, 0, "a0")).join();
        log.append(p1, txnBatch(p, 0, "a1")).join();
        assertEquals(List.of(), read(p0, IsolationLevel.READ_COMMITTED));
        assertEquals(List.of("a0"), read(p0, IsolationLevel.READ_UNCOMMITTED));
        log.endTransaction(p, false).join();
        log.append(p0, txnBatch(p, 1, "c0")).join();
        log.append(p1, txnBatch(p, 1, "c1")).join();
        log.endTransaction(p, true).join();
        assertEquals(List.of("c0"), read(p0, IsolationLevel.READ_COMMITTED));
        assertEquals(List.of("c1"), read(p1, IsolationLevel.READ_COMMITTED));
        assertEquals(
                log.describeTopic("t").get().partitions().get(0).highWatermark(),
                log.describeTopic("t").get().partitions().get(0).lastStableOffset());
        // offsets are sparse: 2 data + 2 markers per partition
        assertEquals(4, log.describeTopic("t").get().partitions().get(0).highWatermark());
    }

    @Test
    void transactionsLeftOpenByADeadProcessAreAbortedAtStartSoReadersMoveOn() {
        open(FlushPolicy.OS);
        log.createTopic("t", TopicSpec.of(2)).join();
        TopicPartition p0 = new TopicPartition("t", 0);
        TopicPartition p1 = new TopicPartition("t", 1);
        ProducerIdentity statement = log.initProducer("insert-42"); // a multi-partition INSERT in flight
        log.append(p0, txnBatch(statement, 0, "half-0")).join();
        log.append(p1, txnBatch(statement, 0, "half-1")).join();
        log.append(p0, batch("after")).join(); // committed data behind the open transaction
        assertEquals(List.of(), read(p0, IsolationLevel.READ_COMMITTED));
        log.closeAbruptly();
        log = null;
        open(FlushPolicy.OS);
        assertEquals(List.of("after"), read(p0, IsolationLevel.READ_COMMITTED));
        assertEquals(List.of(), read(p1, IsolationLevel.READ_COMMITTED));
        log.append(p1, batch("next")).join();
        assertEquals(List.of("next"), read(p1, IsolationLevel.READ_COMMITTED));
    }

    @Test
    void reinitializingATransactionalIdFencesTheOldProducerAndAbortsItsTransaction() {
        open(FlushPolicy.OS);
        log.createTopic("t", TopicSpec.of(1)).join();
        TopicPartition tp = new TopicPartition("t", 0);
        ProducerIdentity old = log.initProducer("sink");
        log.append(tp, txnBatch(old, 0, "zombie")).join();
        log.closeAbruptly();
        log = null;
        open(FlushPolicy.OS);
        // Start-up aborted the dead process's transaction (the marker is offset 1).
        assertEquals(2, log.describeTopic("t").get().partitions().get(0).lastStableOffset());
        ProducerIdentity fresh = log.initProducer("sink");
        assertEquals(old.producerId(), fresh.producerId());
        assertEquals(old.epoch() + 1, fresh.epoch());
        assertEquals(List.of(), read(tp, IsolationLevel.READ_COMMITTED));
        assertEquals(2, log.describeTopic("t").get().partitions().get(0).lastStableOffset());
        CompletionException e = assertThrows(CompletionException.class, () -> log.append(tp, txnBatch(old, 1, "late"))
                .join());
        assertInstanceOf(InvalidProducerEpochException.class, e.getCause());
        assertInstanceOf(
                InvalidProducerEpochException.class,
                assertThrows(CompletionException.class, () -> log.endTransaction(old, true)
                                .join())
                        .getCause());
        log.append(tp, txnBatch(fresh, 0, "ok")).join();
        log.endTransaction(fresh, true).join();
        assertEquals(List.of("ok"), read(tp, IsolationLevel.READ_COMMITTED));
        assertTrue(log.initProducer(null).producerId() != fresh.producerId());
    }

    @Test
    void compactionKeepsTheLatestValuePerKeyAndDropsTombstonesAfterTheHorizon() {
        open(FlushPolicy.OS);
        TopicSpec spec = TopicSpec.of(1)
                .withCleanupPolicy(CleanupPolicy.COMPACT)
                .withSegment(1024, 3_600_000)
                .withDeleteRetentionMs(60_000);
        log.createTopic("c", spec).join();
        TopicPartition tp = new TopicPartition("c", 0);
        for (int i = 0; i < 60; i++) {
            String key = "key" + (i % 5);
            RecordBatchBuilder b = RecordBatchBuilder.create();
            if (i == 57) {
                b.append(1000, (byte) 3, key.getBytes(), (byte[]) null); // delete key2
            } else {
                b.append(1000, (byte) 0, key.getBytes(), ("v" + i).getBytes());
            }
            log.append(tp, b.build()).join();
        }
        assertInstanceOf(
                InvalidRecordException.class,
                assertThrows(CompletionException.class, () -> log.append(
                                        tp,
                                        RecordBatchBuilder.create()
                                                .append(1, (byte) 0, (byte[]) null, "x".getBytes())
                                                .build())
                                .join())
                        .getCause());
        log.partition(tp).forceRoll();
        long reclaimed = log.compact(tp);
        assertTrue(reclaimed > 0);
        Map<String, String> latest = latestByKey(tp);
        assertEquals(Map.of("key0", "v55", "key1", "v56", "key2", "<null>", "key3", "v58", "key4", "v59"), latest);
        assertEquals(5, countRecords(tp));
        clock.advance(60_001);
        log.compact(tp);
        assertEquals(4, countRecords(tp));
        assertFalse(latestByKey(tp).containsKey("key2"));
        log.close();
        open(FlushPolicy.OS);
        assertEquals(Map.of("key0", "v55", "key1", "v56", "key3", "v58", "key4", "v59"), latestByKey(tp));
        assertEquals(60, log.append(tp, batch("after")).join().baseOffset());
    }

    private Map<String, String> latestByKey(TopicPartition tp) {
        Map<String, String> out = new java.util.TreeMap<>();
        long next = log.partition(tp).logStartOffset();
        while (next < log.partition(tp).highWatermark()) {
            FetchResult r = log.fetch(tp, next, 1 << 16, IsolationLevel.READ_UNCOMMITTED);
            for (Record rec : r.records(next)) {
                out.put(new String(rec.keyBytes()), rec.value() == null ? "<null>" : new String(rec.valueBytes()));
            }
            next = r.nextOffset();
        }
        return out;
    }

    private int countRecords(TopicPartition tp) {
        int n = 0;
        long next = log.partition(tp).logStartOffset();
        while (next < log.partition(tp).highWatermark()) {
            FetchResult r = log.fetch(tp, next, 1 << 16, IsolationLevel.READ_UNCOMMITTED);
            n += r.records(next).size();
            next = r.nextOffset();
        }
        return n;
    }
}
