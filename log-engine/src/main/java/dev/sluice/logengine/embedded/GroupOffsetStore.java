package dev.sluice.logengine.embedded;

import dev.sluice.logengine.FetchResult;
import dev.sluice.logengine.IsolationLevel;
import dev.sluice.logengine.TopicPartition;
import dev.sluice.logengine.record.Record;
import dev.sluice.logengine.record.RecordBatch;
import dev.sluice.logengine.record.RecordBatchBuilder;
import dev.sluice.logengine.storage.PartitionLog;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Consumer-group offsets, kept in the internal compacted topic {@value #TOPIC} (partition = hash of
 * the group) and cached in memory. Compaction keeps the latest commit per (group, topic, partition).
 *
 * <pre>
 * key:   version int16 (0) | groupLength int16 | group utf8 | topicLength int16 | topic utf8 | partition int32
 * value: version int16 (0) | offset int64
 * </pre>
 */
final class GroupOffsetStore {
    static final String TOPIC = "__consumer_offsets";

    private final Map<String, Map<TopicPartition, Long>> cache = new ConcurrentHashMap<>();

    static int partitionFor(String group, int partitions) {
        return Math.floorMod(group.hashCode(), partitions);
    }

    static RecordBatch encode(String group, Map<TopicPartition, Long> offsets, long now) {
        RecordBatchBuilder b = RecordBatchBuilder.create();
        offsets.forEach((tp, off) -> b.append(
                now,
                (byte) 0,
                key(group, tp),
                ByteBuffer.allocate(10).putShort((short) 0).putLong(off).flip()));
        return b.build();
    }

    private static ByteBuffer key(String group, TopicPartition tp) {
        byte[] g = group.getBytes(StandardCharsets.UTF_8);
        byte[] t = tp.topic().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(2 + 2 + g.length + 2 + t.length + 4)
                .putShort((short) 0)
                .putShort((short) g.length)
                .put(g)
                .putShort((short) t.length)
                .put(t)
                .putInt(tp.partition())
                .flip();
    }

    void applyCommitted(String group, Map<TopicPartition, Long> offsets) {
        cache.computeIfAbsent(group, g -> new ConcurrentHashMap<>()).putAll(offsets);
    }

    Map<TopicPartition, Long> offsets(String group) {
        Map<TopicPartition, Long> m = cache.get(group);
        return m == null ? Map.of() : Map.copyOf(m);
    }

    /** Rebuilds the cache by reading a partition of the offsets topic from its start. */
    void load(PartitionLog log) {
        long next = log.logStartOffset();
        while (next < log.highWatermark()) {
            FetchResult r = log.read(next, 1 << 20, IsolationLevel.READ_COMMITTED);
            for (Record rec : r.records(next)) {
                ByteBuffer k = rec.key().duplicate();
                k.getShort();
                String group = readString(k);
                String topic = readString(k);
                TopicPartition tp = new TopicPartition(topic, k.getInt());
                if (rec.value() == null) {
                    Map<TopicPartition, Long> m = cache.get(group);
                    if (m != null) {
                        m.remove(tp);
                    }
                } else {
                    ByteBuffer v = rec.value().duplicate();
                    v.getShort();
                    applyCommitted(group, Map.of(tp, v.getLong()));
                }
            }
            next = r.nextOffset();
        }
    }

    private static String readString(ByteBuffer b) {
        byte[] bytes = new byte[b.getShort()];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
