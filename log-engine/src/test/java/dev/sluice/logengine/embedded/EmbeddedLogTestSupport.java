package dev.sluice.logengine.embedded;

import dev.sluice.logengine.FetchResult;
import dev.sluice.logengine.IsolationLevel;
import dev.sluice.logengine.PartitionedLog;
import dev.sluice.logengine.TopicPartition;
import dev.sluice.logengine.record.Record;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

final class EmbeddedLogTestSupport {
    private EmbeddedLogTestSupport() {}

    /** Every value readable in the partition at the isolation level, from the log start. */
    static List<String> values(PartitionedLog log, TopicPartition tp, IsolationLevel iso) {
        List<String> out = new ArrayList<>();
        long next = log.describeTopic(tp.topic())
                .get()
                .partitions()
                .get(tp.partition())
                .logStartOffset();
        while (true) {
            FetchResult r = log.fetch(tp, next, 1 << 16, iso);
            if (r.isEmpty() && r.nextOffset() == next) {
                return out;
            }
            for (Record rec : r.records(next)) {
                out.add(new String(rec.valueBytes(), StandardCharsets.UTF_8));
            }
            next = r.nextOffset();
        }
    }
}
