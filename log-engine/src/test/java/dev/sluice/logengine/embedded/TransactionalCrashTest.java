package dev.sluice.logengine.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.logengine.FlushPolicy;
import dev.sluice.logengine.IsolationLevel;
import dev.sluice.logengine.TopicPartition;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 test of transactional offset commits: a child JVM runs a consume-transform-produce loop that
 * commits its output and its input position in one transaction, and resumes from the committed position
 * after each SIGKILL. Afterwards the committed output holds every position from 0 to the committed one
 * exactly once in each partition (output and position moved together: nothing lost, nothing twice), and
 * the committed position is the last acknowledged commit or the one in flight at the kill. A failure
 * prints its seed.
 */
@Tag("integration")
class TransactionalCrashTest {
    static final String OUT = "out";
    static final String GROUP = "loop";
    static final TopicPartition IN = new TopicPartition("in", 0);
    static final int RUNS = 6;

    @TempDir
    Path dir;

    @Test
    void outputAndPositionCommitTogetherAcrossSigkill() throws Exception {
        long seed = Long.getLong("log.crash.seed", System.nanoTime());
        Random rnd = new Random(seed);
        try {
            long lastCommitted = -1;
            long lastCommitting = -1;
            for (int run = 0; run < RUNS; run++) {
                FlushPolicy flush = run % 2 == 0 ? FlushPolicy.OS : FlushPolicy.ALWAYS;
                long[] r = runChildAndKill(flush, 5 + rnd.nextInt(150));
                assertTrue(
                        r[0] >= lastCommitted, "run " + run + " resumed at " + r[0] + " after commit " + lastCommitted);
                lastCommitted = r[1];
                lastCommitting = r[2];
            }
            try (EmbeddedLog log =
                    EmbeddedLog.open(dir, EmbeddedLogConfig.defaults().withFlush(FlushPolicy.OS, 0))) {
                long position = log.fetchOffsets(GROUP).get(IN);
                assertTrue(
                        position == lastCommitted || position == lastCommitting,
                        "position " + position + ", last acknowledged " + lastCommitted + ", in flight "
                                + lastCommitting);
                for (int p = 0; p < 2; p++) {
                    List<String> values = EmbeddedLogTestSupport.values(
                            log, new TopicPartition(OUT, p), IsolationLevel.READ_COMMITTED);
                    for (int i = 0; i < values.size(); i++) {
                        if (!values.get(i).equals(String.valueOf(i))) {
                            throw new AssertionError("partition " + p + ": committed output has " + values.get(i)
                                    + " where " + i + " belongs (lost or duplicated positions)");
                        }
                    }
                    assertEquals(position + 1, values.size(), "partition " + p + ": output up to the position");
                }
            }
        } catch (Throwable t) {
            throw new AssertionError("transactional crash test failed, seed=" + seed + ": " + t, t);
        }
    }

    /** Returns {resumed at, last COMMITTED, last COMMITTING} of one child run. */
    private long[] runChildAndKill(FlushPolicy flush, int killAfterCommits) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(
                java,
                "-Xmx128m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                TxnCrashChild.class.getName(),
                dir.toString(),
                flush.name());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        AtomicLong start = new AtomicLong(-2);
        AtomicLong committed = new AtomicLong(-1);
        AtomicLong committing = new AtomicLong(-1);
        CountDownLatch enough = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            int commits = 0;
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    String[] f = line.split(" ");
                    if (f[0].equals("READY")) {
                        start.set(Long.parseLong(f[1]));
                    } else if (f[0].equals("COMMITTING")) {
                        committing.set(Long.parseLong(f[1]));
                    } else if (f[0].equals("COMMITTED")) {
                        committed.set(Long.parseLong(f[1]));
                        if (++commits >= killAfterCommits) {
                            enough.countDown();
                        }
                    }
                }
            } catch (java.io.IOException e) {
                // the pipe breaks when the child dies
            }
        });
        reader.start();
        boolean reached = enough.await(60, TimeUnit.SECONDS);
        p.toHandle().destroyForcibly(); // SIGKILL, keeping our end of the pipe (see CrashRecoveryTest)
        p.waitFor(30, TimeUnit.SECONDS);
        reader.join(10_000);
        assertTrue(reached, "the child committed only up to " + committed.get());
        return new long[] {start.get(), committed.get(), committing.get()};
    }
}
