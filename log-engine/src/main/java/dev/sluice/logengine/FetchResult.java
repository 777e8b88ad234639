package dev.sluice.logengine;

import dev.sluice.logengine.record.Record;
import dev.sluice.logengine.record.RecordBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * The batches a fetch returned plus the partition's offsets at the time. The first batch may start
 * before the requested offset (batches are never split); skip records below it. {@code nextOffset} is
 * where the next fetch should start: past every returned or filtered batch.
 */
public record FetchResult(
        List<RecordBatch> batches, long nextOffset, long logStartOffset, long highWatermark, long lastStableOffset) {

    public boolean isEmpty() {
        return batches.isEmpty();
    }

    /** Decodes every non-control record at or above {@code fromOffset}. */
    public List<Record> records(long fromOffset) {
        List<Record> out = new ArrayList<>();
        for (RecordBatch b : batches) {
            if (b.isControl()) {
                continue;
            }
            for (Record r : b.records()) {
                if (r.offset() >= fromOffset) {
                    out.add(r);
                }
            }
        }
        return out;
    }
}
