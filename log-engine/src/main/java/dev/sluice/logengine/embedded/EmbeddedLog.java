package dev.sluice.logengine.embedded;

import dev.sluice.logengine.AppendResult;
import dev.sluice.logengine.Capabilities;
import dev.sluice.logengine.CleanupPolicy;
import dev.sluice.logengine.FetchResult;
import dev.sluice.logengine.FlushPolicy;
import dev.sluice.logengine.InvalidTopicException;
import dev.sluice.logengine.IsolationLevel;
import dev.sluice.logengine.LogClosedException;
import dev.sluice.logengine.LogException;
import dev.sluice.logengine.LogStorageException;
import dev.sluice.logengine.PartitionInfo;
import dev.sluice.logengine.PartitionedLog;
import dev.sluice.logengine.ProducerIdentity;
import dev.sluice.logengine.TopicDescription;
import dev.sluice.logengine.TopicExistsException;
import dev.sluice.logengine.TopicPartition;
import dev.sluice.logengine.TopicSpec;
import dev.sluice.logengine.UnknownTopicOrPartitionException;
import dev.sluice.logengine.record.RecordBatch;
import dev.sluice.logengine.storage.CheckpointFile;
import dev.sluice.logengine.storage.LogCleaner;
import dev.sluice.logengine.storage.LogConfig;
import dev.sluice.logengine.storage.PartitionLog;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded, single-process backend: every partition is a {@link PartitionLog} in {@code
 * <dataDir>/<topic>-<partition>/}.
 *
 * <pre>
 * dataDir/
 *   .lock                               exclusive file lock: one process per directory
 *   .clean-shutdown                     present only between a clean close and the next open
 *   topics.meta                         topic specs
 *   recovery-point-offset-checkpoint    per partition: offsets below were fsynced
 *   producer-ids, transactional-ids, pending-transactions   (TransactionCoordinator)
 *   orders-0/ orders-1/ __consumer_offsets-0/ ...
 * </pre>
 *
 * Durability: an append is acknowledged after write(2). With {@link FlushPolicy#ALWAYS} the future
 * completes only after a group-commit fsync ({@link GroupCommitFlusher}); {@link FlushPolicy#INTERVAL}
 * fsyncs every {@code flushIntervalMs} on a background thread; {@link FlushPolicy#OS} leaves it to the
 * kernel. Retention, producer-id expiry, compaction and the recovery-point checkpoint run every {@code
 * maintenanceIntervalMs}; tests call {@link #runMaintenance()} with a fake clock instead.
 */
public final class EmbeddedLog implements PartitionedLog {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedLog.class);
    static final String CLEAN_SHUTDOWN = ".clean-shutdown";
    static final String RECOVERY_POINTS = "recovery-point-offset-checkpoint";
    private static final String DELETE_SUFFIX = "-delete";

    private final Path dataDir;
    private final EmbeddedLogConfig config;
    private final Clock clock;
    private final FileChannel lockChannel;
    private final FileLock fileLock;
    private final TopicRegistry registry;
    private final Map<TopicPartition, PartitionLog> partitions = new ConcurrentHashMap<>();
    private final GroupOffsetStore groupOffsets = new GroupOffsetStore();
    private final TransactionCoordinator txns;
    private final GroupCommitFlusher flusher;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService fetchExecutor;
    private volatile boolean closed;

    private EmbeddedLog(Path dataDir, EmbeddedLogConfig config, Clock clock) throws IOException {
        this.dataDir = dataDir;
        this.config = config;
        this.clock = clock;
        Files.createDirectories(dataDir);
        this.lockChannel =
                FileChannel.open(dataDir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            lock = null;
        }
        this.fileLock = lock;
        if (fileLock == null) {
            lockChannel.close();
            throw new LogStorageException(dataDir + " is in use by another process");
        }
        boolean clean = Files.exists(dataDir.resolve(CLEAN_SHUTDOWN));
        this.registry = new TopicRegistry(dataDir);
        Map<String, Long> recoveryPoints = readRecoveryPoints();
        deleteLeftoverDirectories();
        for (Map.Entry<String, TopicSpec> t : registry.topics().entrySet()) {
            for (int p = 0; p < t.getValue().partitions(); p++) {
                TopicPartition tp = new TopicPartition(t.getKey(), p);
                long rp = recoveryPoints.getOrDefault(tp.toString(), 0L);
                partitions.put(tp, PartitionLog.open(tp, partitionDir(tp), logConfig(t.getValue()), clock, rp, clean));
            }
        }
        // From here on a crash must be detected: remove the marker durably before accepting writes.
        Files.deleteIfExists(dataDir.resolve(CLEAN_SHUTDOWN));
        CheckpointFile.fsyncDirectory(dataDir);
        this.txns = new TransactionCoordinator(dataDir, groupOffsets::completeTransaction);
        txns.recover(partitions::values);
        if (!registry.topics().containsKey(GroupOffsetStore.TOPIC)) {
            createTopicNow(
                    GroupOffsetStore.TOPIC,
                    TopicSpec.of(config.offsetsTopicPartitions())
                            .withCleanupPolicy(CleanupPolicy.COMPACT)
                            .withSegment(64 << 20, TopicSpec.DEFAULT_SEGMENT_MS)
                            .withRetention(-1, -1));
        }
        for (int p = 0; p < registry.topics().get(GroupOffsetStore.TOPIC).partitions(); p++) {
            groupOffsets.load(partitions.get(new TopicPartition(GroupOffsetStore.TOPIC, p)));
        }
        this.flusher = config.flushPolicy() == FlushPolicy.ALWAYS ? new GroupCommitFlusher() : null;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("sluice-log-scheduler"));
        this.fetchExecutor = Executors.newCachedThreadPool(daemon("sluice-log-fetch"));
        if (config.flushPolicy() == FlushPolicy.INTERVAL) {
            scheduler.scheduleWithFixedDelay(
                    this::flushAllQuietly, config.flushIntervalMs(), config.flushIntervalMs(), TimeUnit.MILLISECONDS);
        }
        scheduler.scheduleWithFixedDelay(
                this::maintenanceQuietly,
                config.maintenanceIntervalMs(),
                config.maintenanceIntervalMs(),
                TimeUnit.MILLISECONDS);
        LOG.info(
                "opened {} ({} shutdown, {} partitions, log.flush={})",
                dataDir,
                clean ? "clean" : "unclean",
                partitions.size(),
                config.flushPolicy());
    }

    /** Opens (or creates) a log under {@code dataDir}, recovering it if the last run crashed. */
    public static EmbeddedLog open(Path dataDir, EmbeddedLogConfig config, Clock clock) {
        try {
            return new EmbeddedLog(dataDir, config, clock);
        } catch (IOException e) {
            throw new LogStorageException("cannot open " + dataDir + ": " + e, e);
        }
    }

    public static EmbeddedLog open(Path dataDir, EmbeddedLogConfig config) {
        return open(dataDir, config, Clock.systemUTC());
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities("embedded", false, true, true, config.flushPolicy());
    }

    private LogConfig logConfig(TopicSpec spec) {
        return new LogConfig(
                spec.segmentBytes(),
                spec.segmentMs(),
                spec.retentionMs(),
                spec.retentionBytes(),
                spec.cleanupPolicy() == CleanupPolicy.COMPACT,
                spec.deleteRetentionMs(),
                config.maxBatchBytes(),
                config.indexIntervalBytes(),
                config.maxIndexBytes(),
                config.verifyCrcOnFetch(),
                config.flushPolicy() == FlushPolicy.ALWAYS,
                config.producerIdExpirationMs(),
                spec.compression());
    }

    private Path partitionDir(TopicPartition tp) {
        return dataDir.resolve(tp.topic() + "-" + tp.partition());
    }

    @Override
    public synchronized CompletableFuture<Void> createTopic(String topic, TopicSpec spec) {
        try {
            ensureOpen();
            TopicRegistry.validateName(topic);
            if (topic.startsWith("__") && !topic.startsWith(PartitionedLog.SYSTEM_TOPIC_PREFIX)) {
                throw new InvalidTopicException("topic names starting with '__' are reserved: " + topic);
            }
            createTopicNow(topic, spec);
            return CompletableFuture.completedFuture(null);
        } catch (LogException e) {
            return CompletableFuture.failedFuture(e);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new LogStorageException("cannot create " + topic + ": " + e, e));
        }
    }

    private void createTopicNow(String topic, TopicSpec spec) throws IOException {
        if (registry.topics().containsKey(topic)) {
            throw new TopicExistsException("topic " + topic + " already exists");
        }
        for (int p = 0; p < spec.partitions(); p++) {
            TopicPartition tp = new TopicPartition(topic, p);
            partitions.put(tp, PartitionLog.open(tp, partitionDir(tp), logConfig(spec), clock, 0, true));
        }
        registry.put(topic, spec); // the topic exists once this rename is durable
    }

    @Override
    public synchronized CompletableFuture<Void> deleteTopic(String topic) {
        try {
            ensureOpen();
            TopicSpec spec = registry.topics().get(topic);
            if (spec == null || (topic.startsWith("__") && !topic.startsWith(PartitionedLog.SYSTEM_TOPIC_PREFIX))) {
                throw new UnknownTopicOrPartitionException("no topic " + topic);
            }
            registry.remove(topic);
            for (int p = 0; p < spec.partitions(); p++) {
                TopicPartition tp = new TopicPartition(topic, p);
                PartitionLog log = partitions.remove(tp);
                log.closeAbruptly();
                Path gone = dataDir.resolve(tp + "." + System.nanoTime() + DELETE_SUFFIX);
                Files.move(partitionDir(tp), gone);
                deleteRecursively(gone);
            }
            return CompletableFuture.completedFuture(null);
        } catch (LogException e) {
            return CompletableFuture.failedFuture(e);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new LogStorageException("cannot delete " + topic + ": " + e, e));
        }
    }

    @Override
    public Optional<TopicDescription> describeTopic(String topic) {
        TopicSpec spec = registry.topics().get(topic);
        if (spec == null) {
            return Optional.empty();
        }
        List<PartitionInfo> infos = new ArrayList<>();
        for (int p = 0; p < spec.partitions(); p++) {
            PartitionLog log = partitions.get(new TopicPartition(topic, p));
            if (log == null) {
                return Optional.empty(); // deleted concurrently
            }
            infos.add(log.info());
        }
        return Optional.of(new TopicDescription(topic, spec, infos));
    }

    @Override
    public List<String> listTopics() {
        return registry.topics().keySet().stream()
                .filter(t -> !t.startsWith("__"))
                .sorted()
                .toList();
    }

    @Override
    public List<String> listSystemTopics() {
        return registry.topics().keySet().stream()
                .filter(t -> t.startsWith(SYSTEM_TOPIC_PREFIX))
                .sorted()
                .toList();
    }

    public PartitionLog partition(TopicPartition tp) {
        PartitionLog log = partitions.get(tp);
        if (log == null) {
            ensureOpen();
            throw new UnknownTopicOrPartitionException("no partition " + tp);
        }
        return log;
    }

    @Override
    public CompletableFuture<AppendResult> append(TopicPartition tp, RecordBatch batch) {
        try {
            PartitionLog log = partition(tp);
            AppendResult r = log.append(batch);
            if (flusher == null) {
                return CompletableFuture.completedFuture(r);
            }
            return flusher.awaitFlushed(log, r.lastOffset()).thenApply(v -> r);
        } catch (LogException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public FetchResult fetch(TopicPartition tp, long offset, int maxBytes, IsolationLevel isolation) {
        return partition(tp).read(offset, maxBytes, isolation);
    }

    @Override
    public CompletableFuture<FetchResult> fetchWait(
            TopicPartition tp, long offset, int maxBytes, IsolationLevel isolation, Duration maxWait) {
        try {
            long deadline = System.nanoTime() + maxWait.toNanos();
            return attemptFetch(partition(tp), offset, maxBytes, isolation, deadline);
        } catch (LogException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Fetches; if empty, waits for the high watermark to move (or the deadline) and tries once more. */
    private CompletableFuture<FetchResult> attemptFetch(
            PartitionLog log, long offset, int maxBytes, IsolationLevel isolation, long deadlineNanos) {
        FetchResult r = log.read(offset, maxBytes, isolation);
        long remaining = deadlineNanos - System.nanoTime();
        if (!r.isEmpty() || r.nextOffset() > offset || remaining <= 0 || closed) {
            return CompletableFuture.completedFuture(r);
        }
        // Uncommitted readers wait for HW > offset; committed readers for any new append (HW > current HW)
        // since the LSO only moves when something (data or a marker) is appended.
        long above = isolation == IsolationLevel.READ_COMMITTED ? r.highWatermark() : offset;
        CompletableFuture<Void> waiter = log.awaitHighWatermarkAbove(above);
        ScheduledFuture<?> timeout = scheduler.schedule(
                () -> {
                    log.cancelWaiter(waiter);
                    waiter.complete(null);
                },
                remaining,
                TimeUnit.NANOSECONDS);
        return waiter.thenComposeAsync(
                v -> {
                    timeout.cancel(false);
                    return attemptFetch(log, offset, maxBytes, isolation, deadlineNanos);
                },
                fetchExecutor);
    }

    @Override
    public OptionalLong offsetForTimestamp(TopicPartition tp, long timestampMs) {
        return partition(tp).offsetForTimestamp(timestampMs);
    }

    @Override
    public long deleteRecordsBefore(TopicPartition tp, long offset) {
        return partition(tp).deleteSegmentsBefore(offset);
    }

    @Override
    public ProducerIdentity initProducer(String transactionalId) {
        ensureOpen();
        try {
            return txns.initProducer(transactionalId, partitions::values);
        } catch (IOException e) {
            throw new LogStorageException("cannot allocate a producer id: " + e, e);
        }
    }

    @Override
    public CompletableFuture<Void> endTransaction(ProducerIdentity producer, boolean commit) {
        try {
            ensureOpen();
            txns.endTransaction(partitions.values(), producer, commit);
            return CompletableFuture.completedFuture(null);
        } catch (LogException e) {
            return CompletableFuture.failedFuture(e);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new LogStorageException("transaction end failed: " + e, e));
        }
    }

    @Override
    public CompletableFuture<Void> commitOffsets(String group, Map<TopicPartition, Long> offsets) {
        if (offsets.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        int n = registry.topics().get(GroupOffsetStore.TOPIC).partitions();
        TopicPartition tp = new TopicPartition(GroupOffsetStore.TOPIC, GroupOffsetStore.partitionFor(group, n));
        Map<TopicPartition, Long> copy = Map.copyOf(offsets);
        return append(tp, GroupOffsetStore.encode(group, copy, clock.millis()))
                .thenAccept(r -> groupOffsets.applyCommitted(group, copy));
    }

    /**
     * Writes the offsets as a transactional batch of the producer to the group's offsets partition
     * (which makes that partition part of the transaction: its marker is written with the others) and
     * holds them as pending until {@link #endTransaction} decides.
     */
    @Override
    public CompletableFuture<Void> commitOffsetsInTransaction(
            ProducerIdentity producer, String group, Map<TopicPartition, Long> offsets) {
        try {
            ensureOpen();
            if (offsets.isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            int n = registry.topics().get(GroupOffsetStore.TOPIC).partitions();
            PartitionLog log =
                    partition(new TopicPartition(GroupOffsetStore.TOPIC, GroupOffsetStore.partitionFor(group, n)));
            Map<TopicPartition, Long> copy = Map.copyOf(offsets);
            AppendResult r;
            // Under the coordinator's lock: no decision about this producer (an endTransaction, or a
            // fencing abort from initProducer) can fall between the append and the pending entry.
            synchronized (txns) {
                txns.checkNotFenced(producer);
                r = log.appendCoordinatorBatch(
                        GroupOffsetStore.encodeTransactional(producer, group, copy, clock.millis()));
                groupOffsets.addPending(producer.producerId(), group, copy);
            }
            if (flusher == null) {
                return CompletableFuture.completedFuture(null);
            }
            return flusher.awaitFlushed(log, r.lastOffset());
        } catch (LogException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public Map<TopicPartition, Long> fetchOffsets(String group) {
        return groupOffsets.offsets(group);
    }

    /** Compacts a partition of a compact topic now. Returns the bytes reclaimed. */
    public long compact(TopicPartition tp) {
        return new LogCleaner(partition(tp)).clean();
    }

    /** Runs retention on every partition and compaction on dirty compact partitions, then checkpoints. */
    public void runMaintenance() {
        for (PartitionLog log : List.copyOf(partitions.values())) {
            if (log.isClosed()) {
                continue;
            }
            log.deleteOldSegments();
            log.removeExpiredProducers();
            if (log.config().compact()) {
                LogCleaner cleaner = new LogCleaner(log);
                if (cleaner.dirtyRatio() >= 0.5) {
                    cleaner.clean();
                }
            }
        }
        try {
            writeRecoveryPoints();
        } catch (IOException e) {
            LOG.warn("recovery point checkpoint failed: {}", e.toString());
        }
    }

    private void maintenanceQuietly() {
        try {
            runMaintenance();
        } catch (RuntimeException e) {
            LOG.warn("log maintenance failed: {}", e.toString());
        }
    }

    private void flushAllQuietly() {
        for (PartitionLog log : partitions.values()) {
            try {
                log.flush();
            } catch (RuntimeException e) {
                LOG.warn("interval flush of {} failed: {}", log.topicPartition(), e.toString());
            }
        }
    }

    /** fsyncs every partition now. */
    public void flushAll() {
        partitions.values().forEach(PartitionLog::flush);
    }

    public Collection<PartitionLog> partitionLogs() {
        return List.copyOf(partitions.values());
    }

    private Map<String, Long> readRecoveryPoints() throws IOException {
        Map<String, Long> out = new HashMap<>();
        for (String line : CheckpointFile.readLines(dataDir.resolve(RECOVERY_POINTS))) {
            int sp = line.lastIndexOf(' ');
            if (sp > 0) {
                out.put(line.substring(0, sp), Long.parseLong(line.substring(sp + 1)));
            }
        }
        return out;
    }

    private synchronized void writeRecoveryPoints() throws IOException {
        List<String> lines = new ArrayList<>();
        partitions.forEach((tp, log) -> lines.add(tp + " " + log.recoveryPoint()));
        CheckpointFile.writeLines(dataDir.resolve(RECOVERY_POINTS), lines);
    }

    private void deleteLeftoverDirectories() throws IOException {
        try (Stream<Path> s = Files.list(dataDir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith(DELETE_SUFFIX))
                    .toList()) {
                deleteRecursively(p);
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new LogClosedException("the log at " + dataDir + " is closed");
        }
    }

    /**
     * Clean shutdown: stop background work, close every partition (snapshot producer state, trim
     * indexes, fsync), checkpoint recovery points, then write the clean-shutdown marker.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        scheduler.shutdownNow();
        if (flusher != null) {
            flusher.close();
        }
        try {
            for (PartitionLog log : partitions.values()) {
                log.close();
            }
            writeRecoveryPoints();
            CheckpointFile.writeAtomically(dataDir.resolve(CLEAN_SHUTDOWN), new byte[0]);
            fileLock.release();
            lockChannel.close();
        } catch (IOException e) {
            throw new LogStorageException("clean shutdown of " + dataDir + " failed: " + e, e);
        } finally {
            fetchExecutor.shutdownNow();
        }
        LOG.info("closed {}", dataDir);
    }

    /** Stops without flushing, snapshotting or the clean marker: what a crash leaves (tests). */
    public synchronized void closeAbruptly() {
        closed = true;
        scheduler.shutdownNow();
        fetchExecutor.shutdownNow();
        if (flusher != null) {
            flusher.close();
        }
        partitions.values().forEach(PartitionLog::closeAbruptly);
        try {
            fileLock.release();
            lockChannel.close();
        } catch (IOException e) {
            LOG.warn("releasing the lock of {}: {}", dataDir, e.toString());
        }
    }
}
