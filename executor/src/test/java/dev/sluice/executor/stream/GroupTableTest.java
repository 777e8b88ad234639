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
}
