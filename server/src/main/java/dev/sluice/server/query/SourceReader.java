package dev.sluice.server.query;

import dev.sluice.common.Row;
import dev.sluice.common.RowKind;
import dev.sluice.common.types.Column;
import dev.sluice.common.types.SqlType;
import dev.sluice.executor.codec.KeyDecoder;
import dev.sluice.executor.codec.RowCodec;
import dev.sluice.executor.stream.ChangeCollector;
import dev.sluice.logengine.record.Record;
import dev.sluice.planner.calcite.CalciteValues;
import dev.sluice.planner.catalog.Relation;
import dev.sluice.planner.stream.RowConversion;
import java.util.List;

/**
 * Turns one relation's log records into operator rows: a stream's records are inserts; a table's or
 * view's changelog records are upserts ({@code +I}/{@code +U} with the row) and deletes (a tombstone:
 * a key and no value, which becomes a {@code -D} row carrying only the key columns).
 */
final class SourceReader {
    private final Relation relation;
    private final RowConversion conversion;
    private final List<SqlType> keyTypes;
    private final int[] keyIndexes;

    SourceReader(Relation relation) {
        this.relation = relation;
        this.conversion = RowConversion.source(relation);
        this.keyTypes =
                relation.schema().keyColumns().stream().map(Column::type).toList();
        this.keyIndexes = relation.schema().keyIndexes();
    }

    Relation relation() {
        return relation;
    }

    void feed(Record r, int partition, ChangeCollector into) {
        if (r.value() == null) {
            if (!relation.kind().isKeyed() || r.key() == null) {
                return; // a stream record without a value carries nothing
            }
            Object[] row = conversion.toInternal(null, r.timestamp(), partition, r.offset());
            Object[] key = KeyDecoder.decode(keyTypes, r.keyBytes());
            for (int i = 0; i < keyIndexes.length; i++) {
                row[keyIndexes[i]] = CalciteValues.toInternal(keyTypes.get(i), key[i]);
            }
            into.collect(RowKind.DELETE, row);
            return;
        }
        Row row = RowCodec.decode(relation.schema(), RowKind.INSERT, r.valueBytes());
        RowKind kind = relation.kind().isKeyed() ? RowKind.UPDATE_AFTER : RowKind.INSERT;
        into.collect(kind, conversion.toInternal(row, r.timestamp(), partition, r.offset()));
    }
}
