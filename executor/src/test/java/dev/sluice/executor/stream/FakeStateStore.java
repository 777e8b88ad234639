package dev.sluice.executor.stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** One operator's checkpointed state: what its snapshots wrote, applied in order. */
final class FakeStateStore {
    private final Map<ByteBuffer, byte[]> entries = new HashMap<>();

    /** Takes {@code op}'s snapshot, checking that keys are unique within it. */
    void snapshot(StreamOperator op) {
        Set<ByteBuffer> seen = new HashSet<>();
        op.snapshot((key, value) -> {
            ByteBuffer k = ByteBuffer.wrap(key.clone());
            assertTrue(seen.add(k), "key written twice in one snapshot");
            if (value == null) {
                entries.remove(k);
            } else {
                entries.put(k, value.clone());
            }
        });
    }

    /** Restores every live key into {@code op}, in an order shuffled by {@code random}. */
    void restore(StreamOperator op, Random random) {
        List<Map.Entry<ByteBuffer, byte[]>> list = new ArrayList<>(entries.entrySet());
        Collections.shuffle(list, random);
        for (Map.Entry<ByteBuffer, byte[]> e : list) {
            op.restore(e.getKey().array().clone(), e.getValue().clone());
        }
    }

    int size() {
        return entries.size();
    }
}
