package dev.sluice.server.storage;

import dev.sluice.logengine.CleanupPolicy;
import dev.sluice.logengine.FetchResult;
import dev.sluice.logengine.IsolationLevel;
import dev.sluice.logengine.PartitionedLog;
import dev.sluice.logengine.TopicPartition;
import dev.sluice.logengine.TopicSpec;
import dev.sluice.logengine.record.Record;
import dev.sluice.logengine.record.RecordBatchBuilder;
import dev.sluice.planner.catalog.CatalogChange;
import dev.sluice.planner.catalog.CatalogCodec;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalog's durable form: a compacted one-partition topic of {@link CatalogChange}s keyed by
 * object name. {@link #append} writes all changes of one DDL statement as a single batch, so a
 * statement's catalog changes are applied all together or not at all.
 */
public final class CatalogStore {
    public static final String TOPIC = "__sluice_catalog";
    private static final TopicPartition TP = new TopicPartition(TOPIC, 0);

    private final PartitionedLog log;

    CatalogStore(PartitionedLog log) {
        this.log = log;
        if (log.describeTopic(TOPIC).isEmpty()) {
            TopicSpec d = TopicSpec.of(1);
            log.createTopic(
                            TOPIC,
                            new TopicSpec(
                                    1,
                                    CleanupPolicy.COMPACT,
                                    -1,
                                    -1,
                                    d.segmentBytes(),
                                    d.segmentMs(),
                                    d.deleteRetentionMs()))
                    .join();
        }
    }

    /** Every change in log order, for replay at start-up. */
    List<CatalogChange> readAll() {
        List<CatalogChange> out = new ArrayList<>();
        long offset = log.describeTopic(TOPIC).orElseThrow().partitions().get(0).logStartOffset();
        while (true) {
            FetchResult r = log.fetch(TP, offset, 1 << 20, IsolationLevel.READ_COMMITTED);
            if (r.isEmpty()) {
                return out;
            }
            for (Record rec : r.records(offset)) {
                out.add(CatalogCodec.decode(rec.keyBytes(), rec.valueBytes()));
            }
            if (r.nextOffset() <= offset) {
                return out;
            }
            offset = r.nextOffset();
        }
    }

    /** Appends the changes of one statement as one batch and waits until it is durable. */
    public void append(List<CatalogChange> changes) {
        RecordBatchBuilder batch = RecordBatchBuilder.create();
        long now = System.currentTimeMillis();
        for (CatalogChange change : changes) {
            batch.append(now, (byte) 0, CatalogCodec.encodeKey(change.name()), CatalogCodec.encodeValue(change));
        }
        log.append(TP, batch.build()).join();
    }
}
