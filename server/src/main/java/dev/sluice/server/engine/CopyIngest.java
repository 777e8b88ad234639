package dev.sluice.server.engine;

import dev.sluice.common.Row;
import dev.sluice.common.RowKind;
import dev.sluice.common.types.Column;
import dev.sluice.common.types.Schema;
import dev.sluice.common.types.SqlType;
import dev.sluice.common.types.TypeKind;
import dev.sluice.executor.codec.KeyCodec;
import dev.sluice.executor.codec.Partitioner;
import dev.sluice.executor.codec.RowEncoder;
import dev.sluice.logengine.record.RecordBatchBuilder;
import dev.sluice.pgwire.copy.CopyRecord;
import dev.sluice.pgwire.copy.CopyValueDecoder;
import dev.sluice.pgwire.engine.CopyRecordSink;
import dev.sluice.planner.catalog.Relation;
import dev.sluice.server.storage.RowWriter;
import java.nio.ByteBuffer;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * {@code COPY ... FROM STDIN} in text or csv: encodes each parsed record straight into log record
 * batches, without a {@link Row} per record (the ingest hot path of docs/benchmarks.md, issue 6),
 * and appends them inside the COPY's one log transaction, so the COPY is all or nothing.
 *
 * <ol>
 *   <li>Per record, per column in schema order: a text field that is plain ASCII is copied into the
 *       row bytes as it is ({@link RowEncoder#writeUtf8}); any other field is decoded like pg-wire
 *       decodes COPY fields ({@link CopyValueDecoder}: same values, same 22P02/22003 errors).
 *       Columns the COPY does not name are NULL; the hidden row id of a table without a key is
 *       random, as in INSERT. A NULL in a NOT NULL column fails the COPY with 23502 and the same
 *       message as INSERT (the record is decoded in full first, so a bad value in a later field
 *       is reported first, as PostgreSQL does).
 *   <li>The key (when there is one) decides the partition (murmur2, as {@link RowWriter}); rows
 *       without a key fill one partition's batch, then the next partition's.
 *   <li>A partition's batch is appended when it holds {@link #BATCH_ROWS} rows or {@link
 *       #BATCH_BYTES} bytes, without waiting ({@link RowWriter.Transaction#append});
 *       {@link #flush} appends the rest and waits for every append; then the caller commits.
 * </ol>
 */
final class CopyIngest implements CopyRecordSink {
    static final int BATCH_ROWS = 8192;
    static final int BATCH_BYTES = 512 * 1024;

    private final Relation relation;
    private final RowWriter writer;
    private final Supplier<RowWriter.Transaction> begin;
    private RowWriter.Transaction txn;
    private final ZoneId zone;
    private final int partitions;
    private final SqlType[] types;
    private final boolean[] nullable;
    /** Per schema column: whether it is VARCHAR/TEXT/JSONB (raw UTF-8 copy possible). */
    private final boolean[] text;
    /** Per schema column: the record field that holds it, or -1 (NULL, or the hidden row id). */
    private final int[] fieldOf;
    /** Per schema column: its value is needed as an object (key or timestamp column). */
    private final boolean[] needValue;

    private final int hiddenId;
    private final int[] keyIndexes;
    private final List<SqlType> keyTypes;
    private final int tsIndex;
    private final Object[] values;
    private final Object[] keyValues;
    private final RowEncoder encoder;
    private final RecordBatchBuilder[] batches;
    private int unkeyedPartition;
    private long rows;

    CopyIngest(
            Relation relation,
            List<Integer> targets,
            RowWriter writer,
            Supplier<RowWriter.Transaction> begin,
            ZoneId zone) {
        this.relation = relation;
        this.writer = writer;
        this.begin = begin;
        this.zone = zone;
        Schema schema = relation.schema();
        int n = schema.size();
        this.partitions = relation.topicSettings().partitions();
        this.types = new SqlType[n];
        this.nullable = new boolean[n];
        this.text = new boolean[n];
        this.fieldOf = new int[n];
        this.needValue = new boolean[n];
        Arrays.fill(fieldOf, -1);
        for (int c = 0; c < n; c++) {
            Column column = schema.column(c);
            types[c] = column.type();
            nullable[c] = column.nullable();
            TypeKind kind = column.type().kind();
            text[c] = kind == TypeKind.VARCHAR || kind == TypeKind.TEXT || kind == TypeKind.JSONB;
        }
        for (int f = 0; f < targets.size(); f++) {
            fieldOf[targets.get(f)] = f;
        }
        this.hiddenId =
                relation.hiddenKey() ? schema.indexOf(Relation.HIDDEN_ROW_ID).orElseThrow() : -1;
        this.keyIndexes = schema.keyIndexes();
        this.keyTypes = schema.keyColumns().stream().map(Column::type).toList();
        this.tsIndex = relation.timestampColumn() == null
                ? -1
                : schema.indexOf(relation.timestampColumn()).orElseThrow();
        for (int k : keyIndexes) {
            needValue[k] = true;
        }
        if (tsIndex >= 0) {
            needValue[tsIndex] = true;
        }
        this.values = new Object[n];
        this.keyValues = new Object[keyIndexes.length];
        this.encoder = new RowEncoder(schema);
        this.batches = new RecordBatchBuilder[partitions];
        this.unkeyedPartition = keyIndexes.length == 0 ? writer.nextUnkeyedPartition(partitions) : 0;
    }

    @Override
    public void write(CopyRecord record) {
        encoder.begin();
        for (int c = 0; c < types.length; c++) {
            int f = fieldOf[c];
            if (c == hiddenId) {
                Long id = ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;
                values[c] = id;
                encoder.write(id);
            } else if (f < 0 || record.isNull(f)) {
                if (!nullable[c]) {
                    throw notNullViolation(record);
                }
                values[c] = null;
                encoder.writeNull();
            } else if (text[c] && !needValue[c] && record.isAscii(f)) {
                encoder.writeUtf8(record.array(f), record.offset(f), record.length(f));
            } else {
                Object v = CopyValueDecoder.decode(record, f, types[c], zone);
                values[c] = v;
                encoder.write(v);
            }
        }
        byte[] key = null;
        int partition = unkeyedPartition;
        if (keyIndexes.length > 0) {
            for (int k = 0; k < keyIndexes.length; k++) {
                keyValues[k] = values[keyIndexes[k]];
            }
            key = KeyCodec.encode(keyTypes, keyValues);
            partition = Partitioner.partition(key, partitions);
        }
        long timestamp = tsIndex < 0 || values[tsIndex] == null
                ? System.currentTimeMillis()
                : RowWriter.epochMillis(values[tsIndex]);
        RecordBatchBuilder b = batches[partition];
        if (b == null) {
            b = RecordBatchBuilder.create();
            batches[partition] = b;
        }
        b.append(
                timestamp,
                RowKind.INSERT.toByteValue(),
                key == null ? null : ByteBuffer.wrap(key),
                ByteBuffer.wrap(encoder.array(), 0, encoder.length()));
        rows++;
        if (b.recordCount() >= BATCH_ROWS || b.estimatedSizeInBytes() >= BATCH_BYTES) {
            batches[partition] = null;
            append(partition, b);
            if (keyIndexes.length == 0) {
                unkeyedPartition = writer.nextUnkeyedPartition(partitions);
            }
        }
    }

    /** Appends what is left and waits for every append; the caller commits. */
    RowWriter.Written flush() {
        for (int p = 0; p < batches.length; p++) {
            if (batches[p] != null) {
                append(p, batches[p]);
                batches[p] = null;
            }
        }
        return txn == null ? new RowWriter.Written(Map.of(), 0) : txn.awaitAppended();
    }

    /** The COPY's transaction, or null while nothing was appended. */
    RowWriter.Transaction transaction() {
        return txn;
    }

    private void append(int partition, RecordBatchBuilder b) {
        if (txn == null) {
            txn = begin.get();
        }
        txn.append(relation, partition, b);
    }

    long rows() {
        return rows;
    }

    /**
     * The 23502 error for a record with a NULL in a NOT NULL column: decodes the whole record first
     * (a bad value anywhere in it is reported instead) and words it like INSERT.
     */
    private RuntimeException notNullViolation(CopyRecord record) {
        Object[] full = new Object[types.length];
        for (int c = 0; c < types.length; c++) {
            int f = fieldOf[c];
            full[c] =
                    c == hiddenId ? Long.valueOf(0) : f < 0 ? null : CopyValueDecoder.decode(record, f, types[c], zone);
        }
        DmlPlans.checkNotNull(relation, Row.of(full));
        return new IllegalStateException("no NULL in a NOT NULL column after all");
    }
}
