package dev.sluice.executor.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.common.types.SqlType;
import dev.sluice.executor.codec.KeyCodec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {
    @TempDir
    Path dir;

    private static byte[] key(int id) {
        return KeyCodec.encode(SqlType.INT, id);
    }

    private static StoredValue value(long offset, String payload) {
        return new StoredValue(1000 + offset, 0, offset, payload.getBytes());
    }

    @Test
    void upsertsDeletesAndProgressAreAppliedTogether() {
        try (StateStore store = StateStore.open(dir)) {
            TableState t = store.table(16384);
            t.apply(
                    List.of(new TableState.Change(key(1), value(0, "a")), new TableState.Change(key(2), value(1, "b"))),
                    0,
                    2);
            t.apply(List.of(new TableState.Change(key(1), value(2, "a2")), new TableState.Change(key(2), null)), 0, 4);
            assertArrayEquals("a2".getBytes(), t.get(key(1)).orElseThrow().row());
            assertEquals(2, t.get(key(1)).orElseThrow().offset());
            assertTrue(t.get(key(2)).isEmpty());
            assertEquals(Map.of(0, 4L), t.progress());
        }
    }

    @Test
    void queryStateAppliesChangesWithItsChangelogOffsetAndIsDroppedWithItsRelation() {
        try (StateStore store = StateStore.open(dir)) {
            QueryState q = store.query(42);
            assertTrue(q.appliedOffset().isEmpty());
            q.apply(List.of(new byte[][] {key(1), "a".getBytes()}, new byte[][] {key(2), "b".getBytes()}), 10);
            q.apply(List.of(new byte[][] {key(2), null}, new byte[][] {key(3), "c".getBytes()}), 17);
            store.table(42).apply(List.of(new TableState.Change(key(9), value(0, "row"))), 0, 1);
        }
        try (StateStore store = StateStore.open(dir)) {
            assertEquals(List.of(42L), store.relations());
            QueryState q = store.query(42);
            assertEquals(17, q.appliedOffset().getAsLong());
            List<String> entries = new ArrayList<>();
            q.forEach((k, v) -> entries.add(java.util.Arrays.toString(k) + "=" + new String(v)));
            assertEquals(
                    List.of(java.util.Arrays.toString(key(1)) + "=a", java.util.Arrays.toString(key(3)) + "=c"),
                    entries);
            store.drop(42);
            assertEquals(List.of(), store.relations());
            assertTrue(store.query(42).appliedOffset().isEmpty());
        }
    }

    @Test
    void taskStatesAreSeparateColumnFamiliesDroppedWithTheirRelation() {
        try (StateStore store = StateStore.open(dir)) {
            store.query(7, 0).apply(List.<byte[][]>of(new byte[][] {key(1), "zero".getBytes()}), 3);
            store.query(7, 1).apply(List.<byte[][]>of(new byte[][] {key(1), "one".getBytes()}), 5);
            store.query(70).apply(List.<byte[][]>of(new byte[][] {key(1), "other".getBytes()}), 1);
        }
        try (StateStore store = StateStore.open(dir)) {
            assertEquals(List.of(7L, 70L), store.relations().stream().sorted().toList());
            assertEquals(3, store.query(7, 0).appliedOffset().getAsLong());
            assertEquals(5, store.query(7, 1).appliedOffset().getAsLong());
            List<String> values = new ArrayList<>();
            store.query(7, 1).forEach((k, v) -> values.add(new String(v)));
            assertEquals(List.of("one"), values);
            store.drop(7);
            assertEquals(List.of(70L), store.relations());
            assertTrue(store.query(7, 0).appliedOffset().isEmpty());
            assertEquals(1, store.query(70).appliedOffset().getAsLong());
        }
    }

    @Test
    void stateAndProgressSurviveACleanReopen() {
        try (StateStore store = StateStore.open(dir)) {
            store.table(7).apply(List.of(new TableState.Change(key(5), value(9, "x"))), 3, 10);
        }
        try (StateStore store = StateStore.open(dir)) {
            assertEquals(List.of(7L), store.relations());
            TableState t = store.table(7);
            assertEquals(Map.of(3, 10L), t.progress());
            assertArrayEquals("x".getBytes(), t.get(key(5)).orElseThrow().row());
        }
    }

    @Test
    void scanReturnsRowsInKeyOrderAcrossChunksAndSkipsProgress() {
        try (StateStore store = StateStore.open(dir)) {
            TableState t = store.table(1);
            List<TableState.Change> changes = new ArrayList<>();
            for (int i = 2999; i >= -500; i--) {
                changes.add(new TableState.Change(key(i), value(i + 500, "v" + i)));
            }
            t.apply(changes, 0, 3500);
            t.apply(List.of(), 1, 77);
            Iterator<Map.Entry<byte[], StoredValue>> it = t.scan();
            int expected = -500;
            while (it.hasNext()) {
                assertArrayEquals(
                        ("v" + expected).getBytes(), it.next().getValue().row());
                expected++;
            }
            assertEquals(3000, expected);
        }
    }

    @Test
    void dropRemovesAllState() {
        try (StateStore store = StateStore.open(dir)) {
            store.table(9).apply(List.of(new TableState.Change(key(1), value(0, "a"))), 0, 1);
            store.drop(9);
            assertEquals(List.of(), store.relations());
            assertTrue(store.table(9).get(key(1)).isEmpty());
        }
    }
}
