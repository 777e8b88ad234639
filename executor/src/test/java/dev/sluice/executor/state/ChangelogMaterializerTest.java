package dev.sluice.executor.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.logengine.AppendResult;
import dev.sluice.logengine.CleanupPolicy;
import dev.sluice.logengine.TopicPartition;
import dev.sluice.logengine.TopicSpec;
import dev.sluice.logengine.embedded.EmbeddedLog;
import dev.sluice.logengine.embedded.EmbeddedLogConfig;
import dev.sluice.logengine.record.RecordBatchBuilder;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangelogMaterializerTest {
    @TempDir
    Path dir;

    private EmbeddedLog log;
    private StateStore store;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);

    @BeforeEach
    void setUp() {
        log = EmbeddedLog.open(dir.resolve("log"), EmbeddedLogConfig.defaults());
        store = StateStore.open(dir.resolve("state"));
        TopicSpec spec = TopicSpec.of(2);
        log.createTopic(
                        "t",
                        new TopicSpec(
                                2,
                                CleanupPolicy.COMPACT,
                                spec.retentionMs(),
                                spec.retentionBytes(),
                                spec.segmentBytes(),
                                spec.segmentMs(),
                                spec.deleteRetentionMs()))
                .join();
    }

    @AfterEach
    void tearDown() {
        executor.shutdownNow();
        store.close();
        log.close();
    }

    private AppendResult append(int partition, String key, String value) {
        return log.append(
                        new TopicPartition("t", partition),
                        RecordBatchBuilder.create()
                                .append(42, (byte) 0, key.getBytes(), value == null ? null : value.getBytes())
                                .build())
                .join();
    }

    @Test
    void appliesUpsertsAndTombstonesAndReleasesWaiters() throws Exception {
        TableState state = store.table(1);
        try (ChangelogMaterializer m = new ChangelogMaterializer(log, "t", 2, state, executor)) {
            m.start();
            append(0, "\u0001a", "1");
            append(1, "\u0001b", "2");
            AppendResult last = append(0, "\u0001a", "3");
            m.awaitApplied(0, last.lastOffset() + 1).get(10, TimeUnit.SECONDS);
            assertArrayEquals(
                    "3".getBytes(),
                    state.get("\u0001a".getBytes()).orElseThrow().row());
            AppendResult tomb = append(1, "\u0001b", null);
            m.awaitApplied(1, tomb.lastOffset() + 1).get(10, TimeUnit.SECONDS);
            assertTrue(state.get("\u0001b".getBytes()).isEmpty());
            assertEquals(tomb.lastOffset() + 1, state.progress().get(1));
        }
    }

    @Test
    void resumesFromStoredProgressAfterRestart() throws Exception {
        TableState state = store.table(2);
        AppendResult r;
        try (ChangelogMaterializer m = new ChangelogMaterializer(log, "t", 2, state, executor)) {
            m.start();
            r = append(0, "\u0001k", "v1");
            m.awaitApplied(0, r.lastOffset() + 1).get(10, TimeUnit.SECONDS);
        }
        AppendResult r2 = append(0, "\u0001k", "v2");
        assertEquals(r.lastOffset() + 1, state.progress().get(0), "progress is stored with the rows");
        try (ChangelogMaterializer m = new ChangelogMaterializer(log, "t", 2, state, executor)) {
            m.start();
            m.awaitApplied(0, r2.lastOffset() + 1).get(10, TimeUnit.SECONDS);
            StoredValue v = state.get("\u0001k".getBytes()).orElseThrow();
            assertArrayEquals("v2".getBytes(), v.row());
            assertEquals(r2.lastOffset(), v.offset());
            assertEquals(42, v.timestampMs());
        }
    }
}
