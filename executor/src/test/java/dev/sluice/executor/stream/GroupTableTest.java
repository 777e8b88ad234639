package dev.sluice.executor.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GroupTableTest {
    static final long SEED = Long.getLong("test.seed", System.nanoTime());

    static final class E extends GroupTable.Entry {
        E(Object key) {
            super(key);
        }
    }

    /** A key whose hash collides a lot, so that runs form and removals shift entries back. */
    record Colliding(int id) {
        @Override
        public int hashCode() {
            return id % 7;
        }
    }

    @Test
    void behavesLikeAMapUnderRandomAddsAndRemoves() {
        try {
            Random random = new Random(SEED);
            for (boolean colliding : new boolean[] {true, false}) {
                GroupTable<E> table = new GroupTable<>();
                Map<Object, E> model = new HashMap<>();
                for (int step = 0; step < 200_000; step++) {
                    int id = random.nextInt(colliding ? 300 : 20_000);
                    Object key = colliding ? new Colliding(id) : (Object) (long) id;
                    E present = table.get(key);
                    assertSame(model.get(key), present, "lookup of " + key);
                    if (present == null) {
                        E e = new E(key);
                        table.add(e);
                        model.put(key, e);
                    } else if (random.nextBoolean()) {
                        table.remove(present);
                        model.remove(key);
                    }
                    assertEquals(model.size(), table.size());
                }
                for (Map.Entry<Object, E> e : model.entrySet()) {
                    assertSame(e.getValue(), table.get(e.getKey()));
                }
                table.remove(new E("absent"));
                assertNull(table.get("absent"));
                assertEquals(model.size(), table.size());
            }
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("seed " + SEED + " (rerun with -Dtest.seed=" + SEED + ")", e);
        }
    }

    @Test
    void evictToKeepsReferencedAndPinnedEntriesAndTheTableConsistent() {
        try {
            Random random = new Random(SEED);
            for (boolean colliding : new boolean[] {true, false}) {
                GroupTable<E> table = new GroupTable<>();
                Map<Object, E> model = new HashMap<>();
                for (int round = 0; round < 200; round++) {
                    for (int i = 0; i < 100; i++) {
                        int id = random.nextInt(colliding ? 300 : 5_000);
                        Object key = colliding ? new Colliding(id) : (Object) (long) id;
                        E e = table.get(key);
                        if (e == null) {
                            e = new E(key);
                            table.add(e);
                            model.put(key, e);
                        }
                        e.referenced = random.nextBoolean();
                    }
                    // Entries whose id is a multiple of 5 may not go (as dirty groups may not).
                    int target = random.nextInt(60);
                    table.evictTo(target, e -> id(e.key) % 5 != 0);
                    model.values().removeIf(e -> table.get(e.key) != e);
                    long pinned =
                            model.keySet().stream().filter(k -> id(k) % 5 == 0).count();
                    assertEquals(Math.max(target, pinned), table.size(), "size after evictTo(" + target + ")");
                    for (Map.Entry<Object, E> e : model.entrySet()) {
                        assertSame(e.getValue(), table.get(e.getKey()));
                    }
                }
            }
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("seed " + SEED + " (rerun with -Dtest.seed=" + SEED + ")", e);
        }
    }

    private static int id(Object key) {
        return key instanceof Colliding c ? c.id() : (int) (long) (Long) key;
    }
}
