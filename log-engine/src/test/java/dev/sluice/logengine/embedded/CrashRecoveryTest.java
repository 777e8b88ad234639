package dev.sluice.logengine.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.logengine.FetchResult;
import dev.sluice.logengine.FlushPolicy;
import dev.sluice.logengine.IsolationLevel;
import dev.sluice.logengine.TopicPartition;
import dev.sluice.logengine.record.Record;
import dev.sluice.logengine.record.RecordBatch;
import dev.sluice.logengine.record.RecordBatchBuilder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 test: a child JVM appends acknowledged batches in a loop and is killed with SIGKILL at random
 * points, several times over the same directory (alternating log.flush os and always). Afterwards every
 * acknowledged batch is at its acknowledged offsets with its content, the only unacknowledged batches
 * are the one each run may have written but not yet reported, and offsets are contiguous and continue
 * without reuse. A failure prints its seed.
 */
@Tag("integration")
class CrashRecoveryTest {
    static final String TOPIC = "crash";
    static final int RUNS = 8;

    @TempDir
    Path dir;

    record Ack(int partition, long base, long last, int run, int n) {}

    static String value(int run, int n, int i) {
        return "r" + run + "-n" + n + "-i" + i;
    }

    @Test
    void acknowledgedBatchesSurviveSigkill() throws Exception {
        long seed = Long.getLong("log.crash.seed", System.nanoTime());
        Random rnd = new Random(seed);
        List<Ack> acks = new ArrayList<>();
        try {
            for (int run = 0; run < RUNS; run++) {
                FlushPolicy flush = run % 2 == 0 ? FlushPolicy.OS : FlushPolicy.ALWAYS;
                acks.addAll(runChildAndKill(run, flush, 20 + rnd.nextInt(400)));
            }
            verify(acks);
        } catch (Throwable t) {
            throw new AssertionError("crash test failed, seed=" + seed + ": " + t, t);
        }
    }

    private List<Ack> runChildAndKill(int run, FlushPolicy flush, int killAfterAcks) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(
                java,
                "-Xmx128m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                CrashChild.class.getName(),
                dir.toString(),
                String.valueOf(run),
                flush.name());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        List<Ack> acks = new ArrayList<>();
        CountDownLatch enough = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("ACK ")) {
                        String[] f = line.split(" ");
                        synchronized (acks) {
                            acks.add(new Ack(
                                    Integer.parseInt(f[1]),
                                    Long.parseLong(f[2]),
                                    Long.parseLong(f[3]),
                                    Integer.parseInt(f[4]),
                                    Integer.parseInt(f[5])));
                            if (acks.size() >= killAfterAcks) {
                                enough.countDown();
                            }
                        }
                    }
                }
            } catch (java.io.IOException e) {
                // the pipe breaks when the child dies
            }
        });
        reader.start();
        boolean reached = enough.await(60, TimeUnit.SECONDS);
        // SIGKILL. Through the ProcessHandle, because Process.destroyForcibly() also closes our end of the
        // child's stdout, which would drop ACK lines the child printed just before dying.
        p.toHandle().destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
        reader.join(10_000);
        assertTrue(reached, "child of run " + run + " acknowledged only " + acks.size() + " batches");
        synchronized (acks) {
            return new ArrayList<>(acks);
        }
    }

    private void verify(List<Ack> acks) {
        Map<String, Ack> byId = new HashMap<>();
        Map<Integer, Integer> maxAckedN = new HashMap<>();
        for (Ack a : acks) {
            byId.put(a.run() + "/" + a.n(), a);
            maxAckedN.merge(a.run(), a.n(), Math::max);
        }
        try (EmbeddedLog log =
                EmbeddedLog.open(dir, EmbeddedLogConfig.defaults().withFlush(FlushPolicy.OS, 0))) {
            int found = 0;
            for (int partition = 0; partition < 2; partition++) {
                TopicPartition tp = new TopicPartition(TOPIC, partition);
                long expectedNext = 0;
                long next = 0;
                while (true) {
                    FetchResult r = log.fetch(tp, next, 1 << 16, IsolationLevel.READ_UNCOMMITTED);
                    if (r.isEmpty()) {
                        break;
                    }
                    for (RecordBatch b : r.batches()) {
                        b.ensureValid();
                        assertEquals(expectedNext, b.baseOffset(), tp + ": offsets are contiguous");
                        expectedNext = b.nextOffset();
                        List<Record> recs = b.records();
                        String[] id = new String(recs.get(0).valueBytes(), StandardCharsets.UTF_8).split("-");
                        int run = Integer.parseInt(id[0].substring(1));
                        int n = Integer.parseInt(id[1].substring(1));
                        for (int i = 0; i < recs.size(); i++) {
                            assertEquals(
                                    value(run, n, i), new String(recs.get(i).valueBytes(), StandardCharsets.UTF_8));
                        }
                        Ack ack = byId.remove(run + "/" + n);
                        if (ack == null) {
                            // Written but killed before it was reported: only the batch after the last ack.
                            assertEquals(
                                    maxAckedN.getOrDefault(run, -1) + 1,
                                    n,
                                    "unacknowledged batch r" + run + " n" + n + " is not the in-flight one");
                        } else {
                            assertEquals(ack.partition(), partition);
                            assertEquals(ack.base(), b.baseOffset(), "acked base offset of r" + run + " n" + n);
                            assertEquals(ack.last(), b.lastOffset(), "acked last offset of r" + run + " n" + n);
                            found++;
                        }
                    }
                    next = r.nextOffset();
                }
                assertEquals(expectedNext, log.partition(tp).logEndOffset());
                long base = log.append(
                                tp,
                                RecordBatchBuilder.create()
                                        .append(1, (byte) 0, "k".getBytes(), "after".getBytes())
                                        .build())
                        .join()
                        .baseOffset();
                assertEquals(expectedNext, base, "offsets continue after recovery without gaps or reuse");
            }
            assertTrue(byId.isEmpty(), "acknowledged batches missing after recovery: " + byId.values());
            assertEquals(acks.size(), found);
        }
    }
}
