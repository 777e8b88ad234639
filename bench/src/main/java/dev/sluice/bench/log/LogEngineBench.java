package dev.sluice.bench.log;

import dev.sluice.logengine.AppendResult;
import dev.sluice.logengine.FetchResult;
import dev.sluice.logengine.FlushPolicy;
import dev.sluice.logengine.IsolationLevel;
import dev.sluice.logengine.TopicPartition;
import dev.sluice.logengine.TopicSpec;
import dev.sluice.logengine.embedded.EmbeddedLog;
import dev.sluice.logengine.embedded.EmbeddedLogConfig;
import dev.sluice.logengine.record.CompressionType;
import dev.sluice.logengine.record.Record;
import dev.sluice.logengine.record.RecordBatch;
import dev.sluice.logengine.record.RecordBatchBuilder;
import dev.sluice.logengine.record.RecordCursor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * Throughput and latency of the embedded log engine, in process (no network). A plain main with a
 * warm-up per case, not JMH: each case runs for a fixed time and reports records/s and MB/s of
 * record payload (100-byte values, 8-byte keys).
 *
 * <ol>
 *   <li>Append: batches of 1/100/1000 records into 1 and 4 partitions (one writer thread per partition,
 *       up to 64 appends in flight each, like a producer pipeline), log.flush os and always.
 *   <li>Fetch: sequential reads of 1 MiB from offset 0, decoding every record.
 *   <li>Latency: log.flush always, 8 writer threads each appending synchronously; p50/p99/p99.9.
 * </ol>
 *
 * Usage: {@code LogEngineBench <scratch dir> [seconds per case]}; see bench/run-log-bench.sh.
 */
public final class LogEngineBench {
    private static final int VALUE_BYTES = 100;

    private LogEngineBench() {}

    public static void main(String[] args) throws Exception {
        Path scratch = Path.of(args.length > 0 ? args[0] : "/tmp/sluice-log-bench");
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3;
        String only = args.length > 2 ? args[2] : "all";
        System.out.printf(
                "# Sluice log engine bench, %d cores, java %s, %.1f s per case%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), seconds);
        if (only.equals("all") || only.startsWith("append")) {
            System.out.println("## append");
            System.out.println(
                    "| log.flush | partitions | records/batch | records/s | records per CPU-second | MB/s | fsync rounds |");
            System.out.println("|---|---|---|---|---|---|---|");
            for (FlushPolicy flush : new FlushPolicy[] {FlushPolicy.OS, FlushPolicy.ALWAYS}) {
                for (int partitions : new int[] {1, 4}) {
                    for (int batchSize : new int[] {1, 100, 1000}) {
                        String name = "append-" + flush.name().toLowerCase() + "-" + partitions + "-" + batchSize;
                        if (only.equals("all") || name.startsWith(only)) {
                            appendCase(scratch, flush, partitions, batchSize, seconds);
                        }
                    }
                }
            }
        }
        if (only.equals("all") || only.startsWith("fetch")) {
            System.out.println("## sequential fetch, 1 partition, 5M records, 1 MiB per fetch");
            System.out.println(
                    "| CRC check on fetch | consumer work | records/s | records per CPU-second | MB/s of batches |");
            System.out.println("|---|---|---|---|---|");
            if (!only.equals("fetch-cursor")) {
                fetchCase(scratch, seconds, true, Decode.NONE);
                fetchCase(scratch, seconds, true, Decode.ITERATOR);
            }
            fetchCase(scratch, seconds, true, Decode.CURSOR);
            fetchCase(scratch, seconds, false, Decode.CURSOR);
        }
        if (only.equals("all") || only.startsWith("compression")) {
            System.out.println("## topic compression: 1 partition, 100 records/batch of text-like 100-byte values,"
                    + " sent uncompressed (the log encodes), read back with RecordCursor");
            System.out.println("| compression | append records/s | append records per CPU-second | bytes/record on disk"
                    + " | fetch records/s | fetch records per CPU-second |");
            System.out.println("|---|---|---|---|---|---|");
            for (CompressionType codec : new CompressionType[] {
                CompressionType.NONE,
                CompressionType.LZ4,
                CompressionType.ZSTD,
                CompressionType.SNAPPY,
                CompressionType.GZIP
            }) {
                compressionCase(scratch, codec, seconds);
            }
        }
        if (only.equals("all") || only.startsWith("latency")) {
            System.out.println("## append latency, log.flush=always, 8 writers, synchronous appends");
            System.out.println("| records/batch | records/s | batches/s | p50 ms | p99 ms | p99.9 ms |");
            System.out.println("|---|---|---|---|---|---|");
            for (int batchSize : new int[] {1, 10, 100}) {
                if (only.equals("all") || only.equals("latency") || only.equals("latency-" + batchSize)) {
                    latencyCase(scratch, batchSize, seconds);
                }
            }
        }
        deleteRecursively(scratch);
    }

    static List<RecordBatch> batches(int batchSize, int count) {
        Random rnd = new Random(42);
        List<RecordBatch> out = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            RecordBatchBuilder builder = RecordBatchBuilder.create();
            for (int i = 0; i < batchSize; i++) {
                byte[] key = new byte[8];
                byte[] value = new byte[VALUE_BYTES];
                rnd.nextBytes(key);
                rnd.nextBytes(value);
                builder.append(System.currentTimeMillis(), (byte) 0, key, value);
            }
            out.add(builder.build());
        }
        return out;
    }

    private static EmbeddedLog open(Path dir, FlushPolicy flush, int partitions) {
        EmbeddedLog log = EmbeddedLog.open(dir, EmbeddedLogConfig.defaults().withFlush(flush, 1000));
        log.createTopic("bench", TopicSpec.of(partitions).withSegment(256 << 20, TopicSpec.DEFAULT_SEGMENT_MS))
                .join();
        return log;
    }

    private static void appendCase(Path scratch, FlushPolicy flush, int partitions, int batchSize, double seconds)
            throws Exception {
        Path dir = scratch.resolve("append");
        deleteRecursively(dir);
        List<RecordBatch> pool = batches(batchSize, Math.max(4, 4096 / batchSize));
        try (EmbeddedLog log = open(dir, flush, partitions)) {
            runWriters(log, partitions, pool, seconds / 3); // warm-up
            long roundsBefore = fsyncRounds(log);
            long cpu0 = processCpuNanos();
            long t0 = System.nanoTime();
            long records = runWriters(log, partitions, pool, seconds);
            double secs = (System.nanoTime() - t0) / 1e9;
            double cpuSecs = (processCpuNanos() - cpu0) / 1e9;
            long rounds = fsyncRounds(log) - roundsBefore;
            System.out.printf(
                    "| %s | %d | %d | %,.0f | %,.0f | %.1f | %s |%n",
                    flush.name().toLowerCase(),
                    partitions,
                    batchSize,
                    records / secs,
                    records / cpuSecs,
                    records * (double) VALUE_BYTES / secs / 1e6,
                    flush == FlushPolicy.ALWAYS ? String.format("%,.0f/s", rounds / secs) : "-");
        }
        deleteRecursively(dir);
    }

    /** One thread per partition, each keeping up to 64 appends in flight. Returns records appended. */
    private static long runWriters(EmbeddedLog log, int partitions, List<RecordBatch> pool, double seconds)
            throws InterruptedException {
        LongAdder records = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            TopicPartition tp = new TopicPartition("bench", p);
            Thread t = new Thread(() -> {
                Semaphore inFlight = new Semaphore(64);
                int i = 0;
                while (!stop.get()) {
                    RecordBatch b = pool.get(i++ % pool.size());
                    inFlight.acquireUninterruptibly();
                    int n = b.recordCount();
                    log.append(tp, b).whenComplete((r, e) -> {
                        inFlight.release();
                        if (e == null) {
                            records.add(n);
                        }
                    });
                }
                inFlight.acquireUninterruptibly(64);
            });
            threads.add(t);
            t.start();
        }
        Thread.sleep((long) (seconds * 1000));
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        return records.sum();
    }

    private static long fsyncRounds(EmbeddedLog log) {
        try {
            var f = EmbeddedLog.class.getDeclaredField("flusher");
            f.setAccessible(true);
            Object flusher = f.get(log);
            if (flusher == null) {
                return 0;
            }
            var m = flusher.getClass().getDeclaredMethod("fsyncRounds");
            m.setAccessible(true);
            return (long) m.invoke(flusher);
        } catch (ReflectiveOperationException e) {
            return 0;
        }
    }

    /** What the consumer does with each fetched batch. */
    enum Decode {
        NONE("batch headers only"),
        ITERATOR("every record decoded (Record iterator)"),
        CURSOR("every record decoded (RecordCursor)");

        final String label;

        Decode(String label) {
            this.label = label;
        }
    }

    private static void fetchCase(Path scratch, double seconds, boolean verifyCrc, Decode decode) throws Exception {
        Path dir = scratch.resolve("fetch");
        deleteRecursively(dir);
        List<RecordBatch> pool = batches(1000, 8);
        try (EmbeddedLog log = open(dir, FlushPolicy.OS, 1)) {
            TopicPartition tp = new TopicPartition("bench", 0);
            for (int i = 0; i < 5000; i++) { // 5M records, ~560 MB
                log.append(tp, pool.get(i % pool.size())).join();
            }
        }
        EmbeddedLog log = EmbeddedLog.open(
                dir,
                EmbeddedLogConfig.defaults().withFlush(FlushPolicy.OS, 1000).withVerifyCrcOnFetch(verifyCrc));
        try (log) {
            TopicPartition tp = new TopicPartition("bench", 0);
            long end = log.partition(tp).highWatermark();
            long records = 0;
            long bytes = 0;
            long checksum = 0;
            long deadline = System.nanoTime() + (long) ((seconds + seconds / 3) * 1e9);
            long warmEnd = System.nanoTime() + (long) (seconds / 3 * 1e9);
            long t0 = 0;
            long cpu0 = 0;
            boolean measuring = false;
            while (System.nanoTime() < deadline) {
                long next = 0;
                while (next < end && System.nanoTime() < deadline) {
                    FetchResult r = log.fetch(tp, next, 1 << 20, IsolationLevel.READ_UNCOMMITTED);
                    for (RecordBatch b : r.batches()) {
                        if (decode == Decode.ITERATOR) {
                            for (Iterator<Record> it = b.iterator(); it.hasNext(); ) {
                                Record rec = it.next();
                                checksum += rec.value().remaining() + rec.offset();
                            }
                        } else if (decode == Decode.CURSOR) {
                            for (RecordCursor c = b.cursor(); c.next(); ) {
                                checksum += c.valueLength() + c.offset();
                            }
                        }
                        if (measuring) {
                            records += b.recordCount();
                        }
                        if (measuring) {
                            bytes += b.sizeInBytes();
                        }
                    }
                    next = r.nextOffset();
                    if (!measuring && System.nanoTime() >= warmEnd) {
                        measuring = true;
                        t0 = System.nanoTime();
                        cpu0 = processCpuNanos();
                    }
                }
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            double cpuSecs = (processCpuNanos() - cpu0) / 1e9;
            System.out.printf(
                    "| %s | %s | %,.0f | %,.0f | %.0f |%n",
                    verifyCrc ? "on" : "off",
                    decode.label,
                    records / secs,
                    records / cpuSecs,
                    bytes / secs / 1e6 + checksum % 1);
        }
        deleteRecursively(dir);
    }

    /** Text-like values (words from a small vocabulary, like rows of a table): they compress 2-3.5x. */
    static List<RecordBatch> textBatches(int batchSize, int count) {
        String[] words = {
            "order",
            "paid",
            "shipped",
            "berlin",
            "lisbon",
            "42.50",
            "17.99",
            "customer",
            "express",
            "standard",
            "2026-11-22",
            "sku-1183",
            "sku-2041",
            "pending",
            "returned",
            "EUR",
            "USD"
        };
        Random rnd = new Random(7);
        List<RecordBatch> out = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            RecordBatchBuilder builder = RecordBatchBuilder.create();
            for (int i = 0; i < batchSize; i++) {
                StringBuilder v = new StringBuilder();
                while (v.length() < VALUE_BYTES) {
                    v.append(words[rnd.nextInt(words.length)]).append(',');
                }
                byte[] key = new byte[8];
                rnd.nextBytes(key);
                builder.append(
                        System.currentTimeMillis(),
                        (byte) 0,
                        key,
                        v.substring(0, VALUE_BYTES).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
            out.add(builder.build());
        }
        return out;
    }

    private static void compressionCase(Path scratch, CompressionType codec, double seconds) throws Exception {
        Path dir = scratch.resolve("compression");
        deleteRecursively(dir);
        List<RecordBatch> pool = textBatches(100, 40);
        TopicPartition tp = new TopicPartition("bench", 0);
        double appendRate;
        double appendCpuRate;
        double bytesPerRecord;
        try (EmbeddedLog log =
                EmbeddedLog.open(dir, EmbeddedLogConfig.defaults().withFlush(FlushPolicy.OS, 1000))) {
            log.createTopic(
                            "bench",
                            TopicSpec.of(1)
                                    .withSegment(256 << 20, TopicSpec.DEFAULT_SEGMENT_MS)
                                    .withCompression(codec))
                    .join();
            runWriters(log, 1, pool, seconds / 3); // warm-up
            long cpu0 = processCpuNanos();
            long t0 = System.nanoTime();
            long records = runWriters(log, 1, pool, seconds);
            appendRate = records / ((System.nanoTime() - t0) / 1e9);
            appendCpuRate = records / ((processCpuNanos() - cpu0) / 1e9);
            bytesPerRecord =
                    (double) log.partition(tp).sizeInBytes() / log.partition(tp).highWatermark();
        }
        long records = 0;
        long checksum = 0;
        long cpu0;
        long t0;
        try (EmbeddedLog log =
                EmbeddedLog.open(dir, EmbeddedLogConfig.defaults().withFlush(FlushPolicy.OS, 1000))) {
            long end = log.partition(tp).highWatermark();
            long warmEnd = System.nanoTime() + (long) (seconds / 3 * 1e9);
            long deadline = warmEnd + (long) (seconds * 1e9);
            cpu0 = processCpuNanos();
            t0 = System.nanoTime();
            boolean measuring = false;
            while (System.nanoTime() < deadline) {
                for (long next = 0; next < end && System.nanoTime() < deadline; ) {
                    FetchResult r = log.fetch(tp, next, 1 << 20, IsolationLevel.READ_UNCOMMITTED);
                    for (RecordBatch b : r.batches()) {
                        for (RecordCursor c = b.cursor(); c.next(); ) {
                            checksum += c.valueLength();
                            if (measuring) {
                                records++;
                            }
                        }
                    }
                    next = r.nextOffset();
                    if (!measuring && System.nanoTime() >= warmEnd) {
                        measuring = true;
                        cpu0 = processCpuNanos();
                        t0 = System.nanoTime();
                    }
                }
            }
        }
        System.out.printf(
                "| %s | %,.0f | %,.0f | %.1f | %,.0f | %,.0f |%n",
                codec.configName(),
                appendRate,
                appendCpuRate,
                bytesPerRecord + checksum % 1,
                records / ((System.nanoTime() - t0) / 1e9),
                records / ((processCpuNanos() - cpu0) / 1e9));
        deleteRecursively(dir);
    }

    private static void latencyCase(Path scratch, int batchSize, double seconds) throws Exception {
        Path dir = scratch.resolve("latency");
        deleteRecursively(dir);
        List<RecordBatch> pool = batches(batchSize, 64);
        try (EmbeddedLog log = open(dir, FlushPolicy.ALWAYS, 4)) {
            int writers = 8;
            long warmEnd = System.nanoTime() + (long) (seconds / 3 * 1e9);
            long end = warmEnd + (long) (seconds * 1e9);
            long[][] lat = new long[writers][];
            int[] counts = new int[writers];
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int id = w;
                lat[w] = new long[4_000_000];
                Thread t = new Thread(() -> {
                    TopicPartition tp = new TopicPartition("bench", id % 4);
                    int i = 0;
                    while (true) {
                        long s = System.nanoTime();
                        if (s >= end) {
                            break;
                        }
                        CompletableFuture<AppendResult> f = log.append(tp, pool.get((i++ + id) % pool.size()));
                        f.join();
                        long e = System.nanoTime();
                        if (s >= warmEnd && counts[id] < lat[id].length) {
                            lat[id][counts[id]++] = e - s;
                        }
                    }
                });
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join();
            }
            int total = Arrays.stream(counts).sum();
            long[] all = new long[total];
            int k = 0;
            for (int w = 0; w < writers; w++) {
                System.arraycopy(lat[w], 0, all, k, counts[w]);
                k += counts[w];
            }
            Arrays.sort(all);
            System.out.printf(
                    "| %d | %,.0f | %,.0f | %.2f | %.2f | %.2f |%n",
                    batchSize,
                    (double) total * batchSize / seconds,
                    total / seconds,
                    pct(all, 0.50),
                    pct(all, 0.99),
                    pct(all, 0.999));
        }
        deleteRecursively(dir);
    }

    /** CPU time of the whole process (every thread, user + system): immune to other processes' load. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))] / 1e6;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
        // Fetches return views of memory maps that only the GC unmaps. Unmap the previous case's maps
        // now: a munmap of hundreds of MB blocks every page fault of the process while it runs, and
        // would otherwise land in the middle of the next case's measurement.
        System.gc();
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
