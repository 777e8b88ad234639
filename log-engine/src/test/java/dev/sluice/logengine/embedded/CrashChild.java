package dev.sluice.logengine.embedded;

import dev.sluice.logengine.AppendResult;
import dev.sluice.logengine.FlushPolicy;
import dev.sluice.logengine.TopicPartition;
import dev.sluice.logengine.TopicSpec;
import dev.sluice.logengine.record.RecordBatchBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The child JVM of {@link CrashRecoveryTest}: appends batches forever and prints one line per
 * acknowledged batch, {@code ACK <partition> <base> <last> <run> <n>}, until it is killed.
 */
public final class CrashChild {
    private CrashChild() {}

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int run = Integer.parseInt(args[1]);
        FlushPolicy flush = FlushPolicy.valueOf(args[2]);
        EmbeddedLog log = EmbeddedLog.open(dir, EmbeddedLogConfig.defaults().withFlush(flush, 20));
        if (log.describeTopic(CrashRecoveryTest.TOPIC).isEmpty()) {
            log.createTopic(
                            CrashRecoveryTest.TOPIC,
                            TopicSpec.of(2).withSegment(16 * 1024, TopicSpec.DEFAULT_SEGMENT_MS))
                    .join();
        }
        System.out.println("READY");
        System.out.flush();
        for (int n = 0; ; n++) {
            int partition = n % 2;
            int records = 1 + n % 4;
            RecordBatchBuilder b = RecordBatchBuilder.create();
            for (int i = 0; i < records; i++) {
                String v = CrashRecoveryTest.value(run, n, i);
                b.append(
                        System.currentTimeMillis(),
                        (byte) 0,
                        ("k" + i).getBytes(StandardCharsets.UTF_8),
                        v.getBytes(StandardCharsets.UTF_8));
            }
            AppendResult r = log.append(new TopicPartition(CrashRecoveryTest.TOPIC, partition), b.build())
                    .join();
            System.out.println("ACK " + partition + " " + r.baseOffset() + " " + r.lastOffset() + " " + run + " " + n);
            System.out.flush();
        }
    }
}
