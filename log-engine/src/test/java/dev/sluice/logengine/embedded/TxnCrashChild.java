package dev.sluice.logengine.embedded;

import dev.sluice.logengine.FlushPolicy;
import dev.sluice.logengine.ProducerIdentity;
import dev.sluice.logengine.TopicPartition;
import dev.sluice.logengine.TopicSpec;
import dev.sluice.logengine.record.RecordBatchBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * The child JVM of {@link TransactionalCrashTest}: a consume-transform-produce loop. It resumes at the
 * input position its group committed, and for each input position n writes "n" to both output
 * partitions and commits position n in the same transaction. It prints {@code COMMITTING n} before the
 * commit and {@code COMMITTED n} after it, until it is killed.
 */
public final class TxnCrashChild {
    private TxnCrashChild() {}

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        FlushPolicy flush = FlushPolicy.valueOf(args[1]);
        EmbeddedLog log = EmbeddedLog.open(dir, EmbeddedLogConfig.defaults().withFlush(flush, 20));
        if (log.describeTopic(TransactionalCrashTest.OUT).isEmpty()) {
            log.createTopic(
                            TransactionalCrashTest.OUT,
                            TopicSpec.of(2).withSegment(16 * 1024, TopicSpec.DEFAULT_SEGMENT_MS))
                    .join();
        }
        ProducerIdentity producer = log.initProducer("crash-loop"); // fences the killed instance
        long start = log.fetchOffsets(TransactionalCrashTest.GROUP).getOrDefault(TransactionalCrashTest.IN, -1L) + 1;
        System.out.println("READY " + start);
        System.out.flush();
        int[] sequence = new int[2];
        for (long n = start; ; n++) {
            for (int p = 0; p < 2; p++) {
                log.append(
                                new TopicPartition(TransactionalCrashTest.OUT, p),
                                RecordBatchBuilder.create()
                                        .producer(producer.producerId(), producer.epoch(), sequence[p]++)
                                        .transactional(true)
                                        .append(
                                                System.currentTimeMillis(),
                                                (byte) 0,
                                                null,
                                                String.valueOf(n).getBytes(StandardCharsets.UTF_8))
                                        .build())
                        .join();
            }
            log.commitOffsetsInTransaction(producer, TransactionalCrashTest.GROUP, Map.of(TransactionalCrashTest.IN, n))
                    .join();
            System.out.println("COMMITTING " + n);
            System.out.flush();
            log.endTransaction(producer, true).join();
            System.out.println("COMMITTED " + n);
            System.out.flush();
        }
    }
}
