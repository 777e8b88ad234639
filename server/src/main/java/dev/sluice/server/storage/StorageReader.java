package dev.sluice.server.storage;

import dev.sluice.common.Row;
import dev.sluice.common.RowKind;
import dev.sluice.common.types.Column;
import dev.sluice.common.types.SqlType;
import dev.sluice.executor.codec.KeyCodec;
import dev.sluice.executor.codec.RowCodec;
import dev.sluice.executor.state.StateStore;
import dev.sluice.executor.state.StoredValue;
import dev.sluice.logengine.FetchResult;
import dev.sluice.logengine.IsolationLevel;
import dev.sluice.logengine.OffsetOutOfRangeException;
import dev.sluice.logengine.PartitionInfo;
import dev.sluice.logengine.PartitionedLog;
import dev.sluice.logengine.TopicPartition;
import dev.sluice.logengine.record.Record;
import dev.sluice.planner.calcite.RelationReader;
import dev.sluice.planner.catalog.Relation;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Pull queries' view of the data: tables and views from their materialized state (point lookups by
 * key), streams from their retained log up to the high watermark at the start of the scan.
 */
final class StorageReader implements RelationReader {
    private static final int FETCH_BYTES = 1 << 20;

    private final PartitionedLog log;
    private final StateStore state;

    StorageReader(PartitionedLog log, StateStore state) {
        this.log = log;
        this.state = state;
    }

    @Override
    public Iterator<StoredRow> scan(Relation relation) {
        if (relation.kind().isKeyed()) {
            var rows = state.table(relation.oid()).scan();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return rows.hasNext();
                }

                @Override
                public StoredRow next() {
                    return toStoredRow(relation, rows.next().getValue());
                }
            };
        }
        if (relation.kind() == dev.sluice.planner.catalog.RelationKind.SOURCE) {
            return new GeneratorScan(relation);
        }
        return new StreamScan(relation);
    }

    /**
     * A generator source's rows, made as the scan goes, partition after partition. The scan is lazy,
     * so {@code LIMIT} ends it early; over an unbounded source only a LIMIT (or a cancel) ends it.
     */
    private static final class GeneratorScan implements Iterator<StoredRow> {
        private final dev.sluice.executor.nexmark.NexmarkGenerator[] generators;
        private final List<SqlType> types;
        private final ArrayDeque<Object[]> buffer = new ArrayDeque<>();
        private int partition;

        GeneratorScan(Relation relation) {
            var source = dev.sluice.server.connector.NexmarkSource.of(relation.properties());
            int n = relation.topicSettings().partitions();
            generators = new dev.sluice.executor.nexmark.NexmarkGenerator[n];
            for (int p = 0; p < n; p++) {
                generators[p] = source.generator(p);
            }
            types = relation.schema().columns().stream().map(Column::type).toList();
        }

        @Override
        public boolean hasNext() {
            while (buffer.isEmpty() && partition < generators.length) {
                if (generators[partition].poll(1024, (kind, row) -> buffer.add(row)) == 0) {
                    partition++;
                }
            }
            return !buffer.isEmpty();
        }

        @Override
        public StoredRow next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            Object[] internal = buffer.poll();
            Object[] values = new Object[types.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = dev.sluice.planner.calcite.CalciteValues.fromInternal(types.get(i), internal[i]);
            }
            int n = types.size();
            return new StoredRow(Row.of(values), (Long) internal[n], (Integer) internal[n + 1], (Long) internal[n + 2]);
        }
    }

    @Override
    public Optional<StoredRow> lookup(Relation relation, Object[] key) {
        List<SqlType> types =
                relation.schema().keyColumns().stream().map(Column::type).toList();
        return state.table(relation.oid()).get(KeyCodec.encode(types, key)).map(v -> toStoredRow(relation, v));
    }

    private static StoredRow toStoredRow(Relation relation, StoredValue v) {
        Row row = RowCodec.decode(relation.schema(), RowKind.INSERT, v.row());
        return new StoredRow(row, v.timestampMs(), v.partition(), v.offset());
    }

    /** Reads every partition of a stream in turn, from the log start to the high watermark seen at the start. */
    private final class StreamScan implements Iterator<StoredRow> {
        private final Relation relation;
        private final List<PartitionInfo> partitions;
        private final ArrayDeque<StoredRow> buffer = new ArrayDeque<>();
        private int partition;
        private long offset;

        StreamScan(Relation relation) {
            this.relation = relation;
            this.partitions =
                    log.describeTopic(relation.topic()).map(d -> d.partitions()).orElse(Collections.emptyList());
            this.offset = partitions.isEmpty() ? 0 : partitions.get(0).logStartOffset();
        }

        @Override
        public boolean hasNext() {
            while (buffer.isEmpty() && partition < partitions.size()) {
                long end = partitions.get(partition).highWatermark();
                if (offset >= end) {
                    nextPartition();
                    continue;
                }
                FetchResult r;
                try {
                    r = log.fetch(
                            new TopicPartition(relation.topic(), partition),
                            offset,
                            FETCH_BYTES,
                            IsolationLevel.READ_COMMITTED);
                } catch (OffsetOutOfRangeException e) {
                    // Retention removed the segment since the scan began: go on from what is left.
                    offset = log.describeTopic(relation.topic())
                            .orElseThrow()
                            .partitions()
                            .get(partition)
                            .logStartOffset();
                    continue;
                }
                if (r.isEmpty()) {
                    nextPartition();
                    continue;
                }
                for (Record rec : r.records(offset)) {
                    if (rec.offset() >= end) {
                        break;
                    }
                    if (rec.isTombstone()) {
                        continue;
                    }
                    Row row = RowCodec.decode(relation.schema(), RowKind.INSERT, rec.valueBytes());
                    buffer.add(new StoredRow(row, rec.timestamp(), partition, rec.offset()));
                }
                offset = Math.max(offset + 1, r.nextOffset());
            }
            return !buffer.isEmpty();
        }

        private void nextPartition() {
            partition++;
            if (partition < partitions.size()) {
                offset = partitions.get(partition).logStartOffset();
            }
        }

        @Override
        public StoredRow next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return buffer.poll();
        }
    }
}
