package dev.sluice.logengine.embedded;

import dev.sluice.logengine.FetchResult;
import dev.sluice.logengine.IsolationLevel;
import dev.sluice.logengine.ProducerIdentity;
import dev.sluice.logengine.TopicPartition;
import dev.sluice.logengine.record.ControlRecordType;
import dev.sluice.logengine.record.Record;
import dev.sluice.logengine.record.RecordBatch;
import dev.sluice.logengine.record.RecordBatchBuilder;
import dev.sluice.logengine.storage.PartitionLog;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Consumer-group offsets, kept in the internal compacted topic {@value #TOPIC} (partition = hash of
 * the group) and cached in memory. Compaction keeps the latest commit per (group, topic, partition).
 *
 * <p>Transactional commits (Kafka's TxnOffsetCommit) are written as a transactional batch of the
 * producer and held here as pending until the transaction ends: {@link #completeTransaction} applies
 * them on commit and drops them on abort. Loading replays the partition the same way: a transactional
 * batch's offsets wait for its producer's next marker in the log and apply only if it is a COMMIT.
 * (Start-up aborts every transaction a crash left open before the offsets are loaded.) As in Kafka, if
 * a group mixes plain and transactional commits of one partition, the value that wins live (the one
 * applied last, at its commit) can differ from the one compaction keeps (the higher offset).
 *
 * <pre>
 * key:   version int16 (0) | groupLength int16 | group utf8 | topicLength int16 | topic utf8 | partition int32
 * value: version int16 (0) | offset int64
 * </pre>
 */
final class GroupOffsetStore {
    static final String TOPIC = "__consumer_offsets";

    private final Map<String, Map<TopicPartition, Long>> cache = new ConcurrentHashMap<>();
    /** Offsets committed in open transactions, by producer id: group -> offsets, in commit order. */
    private final Map<Long, List<Map.Entry<String, Map<TopicPartition, Long>>>> pending = new HashMap<>();

    static int partitionFor(String group, int partitions) {
        return Math.floorMod(group.hashCode(), partitions);
    }

    static RecordBatch encode(String group, Map<TopicPartition, Long> offsets, long now) {
        return encode(RecordBatchBuilder.create(), group, offsets, now);
    }

    /** The batch of a transactional commit: the producer's id and epoch, no sequence (the log writes it). */
    static RecordBatch encodeTransactional(
            ProducerIdentity producer, String group, Map<TopicPartition, Long> offsets, long now) {
        RecordBatchBuilder b = RecordBatchBuilder.create()
                .producer(producer.producerId(), producer.epoch(), RecordBatch.NO_SEQUENCE)
                .transactional(true);
        return encode(b, group, offsets, now);
    }

    private static RecordBatch encode(RecordBatchBuilder b, String group, Map<TopicPartition, Long> offsets, long now) {
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

    /** Holds a transactional commit until its transaction ends. */
    synchronized void addPending(long producerId, String group, Map<TopicPartition, Long> offsets) {
        pending.computeIfAbsent(producerId, id -> new ArrayList<>()).add(Map.entry(group, offsets));
    }

    /** The producer's transaction ended (its markers are durable): apply its offsets or drop them. */
    synchronized void completeTransaction(long producerId, boolean commit) {
        List<Map.Entry<String, Map<TopicPartition, Long>>> done = pending.remove(producerId);
        if (done != null && commit) {
            for (Map.Entry<String, Map<TopicPartition, Long>> e : done) {
                applyCommitted(e.getKey(), e.getValue());
            }
        }
    }

    Map<TopicPartition, Long> offsets(String group) {
        Map<TopicPartition, Long> m = cache.get(group);
        return m == null ? Map.of() : Map.copyOf(m);
    }

    /**
     * Rebuilds the cache by reading a partition of the offsets topic from its start, uncommitted reads
     * so the markers are seen: plain commits apply at once, transactional ones at their COMMIT marker.
     */
    void load(PartitionLog log) {
        Map<Long, List<Record>> open = new HashMap<>();
        long next = log.logStartOffset();
        while (next < log.highWatermark()) {
            FetchResult r = log.read(next, 1 << 20, IsolationLevel.READ_UNCOMMITTED);
            for (RecordBatch b : r.batches()) {
                if (b.lastOffset() < next) {
                    continue;
                }
                if (b.isControl()) {
                    List<Record> txn = open.remove(b.producerId());
                    ControlRecordType type =
                            ControlRecordType.fromKey(b.records().get(0).key());
                    if (txn != null && type == ControlRecordType.COMMIT) {
                        txn.forEach(this::apply);
                    }
                } else if (b.isTransactional()) {
                    open.computeIfAbsent(b.producerId(), id -> new ArrayList<>())
                            .addAll(b.records());
                } else {
                    b.records().forEach(this::apply);
                }
            }
            next = r.nextOffset();
        }
    }

    private void apply(Record rec) {
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

    private static String readString(ByteBuffer b) {
        byte[] bytes = new byte[b.getShort()];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
