package dev.sluice.server.query;

import dev.sluice.common.RowKind;
import dev.sluice.executor.stream.ExchangeHash;
import dev.sluice.executor.stream.ValueCodec;
import dev.sluice.logengine.TopicPartition;
import dev.sluice.logengine.record.RecordBatchBuilder;
import dev.sluice.server.storage.RowWriter;

/**
 * The writing half of an exchange by key: each change goes to the partition of the query's
 * repartition topic that its key hashes to ({@link ExchangeHash}), the change kind in the record's
 * attributes and the row, in Calcite's internal representation, as {@link ValueCodec} bytes. The
 * task owning that partition reads it back ({@link SourcePartitions#exchange}).
 */
final class ExchangeSink implements EpochOutput {
    private final String topic;
    private final int[] keys;
    private final RecordBatchBuilder[] batches;
    private int pending;

    ExchangeSink(String topic, int[] keys, int partitions) {
        this.topic = topic;
        this.keys = keys;
        this.batches = new RecordBatchBuilder[partitions];
    }

    @Override
    public void collect(RowKind kind, Object[] row) {
        int p = ExchangeHash.partition(row, keys, batches.length);
        if (batches[p] == null) {
            batches[p] = RecordBatchBuilder.create();
        }
        batches[p].append(System.currentTimeMillis(), kind.toByteValue(), null, ValueCodec.encodeRow(row));
        pending++;
    }

    @Override
    public int pendingRows() {
        return pending;
    }

    @Override
    public void writeTo(RowWriter.TransactionalProducer producer) {
        for (int p = 0; p < batches.length; p++) {
            if (batches[p] != null) {
                producer.writeBatch(new TopicPartition(topic, p), batches[p]);
                batches[p] = null;
            }
        }
        pending = 0;
    }

    @Override
    public String topic() {
        return topic;
    }
}
