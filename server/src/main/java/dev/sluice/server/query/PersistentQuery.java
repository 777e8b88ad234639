package dev.sluice.server.query;

import dev.sluice.logengine.FetchResult;
import dev.sluice.logengine.IsolationLevel;
import dev.sluice.logengine.PartitionedLog;
import dev.sluice.logengine.TopicPartition;
import dev.sluice.logengine.record.Record;
import dev.sluice.planner.catalog.Relation;
import dev.sluice.planner.stream.Pipeline;
import dev.sluice.planner.stream.StreamPlan;
import dev.sluice.server.storage.RowWriter;
import dev.sluice.server.storage.Storage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running job behind a derived stream, table or view: reads its sources' partitions, drives the
 * plan's operators, and checkpoints.
 *
 * <p>A checkpoint (epoch) is one log transaction holding, atomically:
 *
 * <ol>
 *   <li>the output rows the epoch produced, appended to the output relation's topic;
 *   <li>every operator's state changes since the previous checkpoint, appended to the query's
 *       compacted state topic ({@code __sluice_query_<oid>}), keys prefixed by operator;
 *   <li>the source offsets the epoch read up to, and the hidden row-id counter, in the same topic.
 * </ol>
 *
 * Readers of the output and the restore at start-up read committed data only, so after a crash the
 * query resumes from exactly the state and offsets of its last committed epoch, and the output holds
 * exactly that epoch's rows: nothing lost, nothing twice. Starting the transactional producer fences
 * an older instance and aborts its open transaction.
 *
 * <p>An epoch ends when the sources have nothing more to read right now (so results appear within
 * milliseconds when the input is quiet), after {@link #CHECKPOINT_INTERVAL}, or when it holds {@link
 * #MAX_EPOCH_ROWS} output rows.
 */
final class PersistentQuery {
    private static final Logger LOG = LoggerFactory.getLogger(PersistentQuery.class);
    static final Duration CHECKPOINT_INTERVAL = Duration.ofMillis(500);
    static final int MAX_EPOCH_ROWS = 50_000;
    private static final int FETCH_BYTES = 1 << 20; // restore reads of the state topic
    private static final Duration POLL_WAIT = Duration.ofMillis(200);
    private static final byte[] OFFSETS_KEY = "\u00ff\u00ffoffsets".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] ROW_ID_KEY = "\u00ff\u00ffrow-id".getBytes(StandardCharsets.ISO_8859_1);

    enum Status {
        STARTING,
        RUNNING,
        FAILED,
        STOPPED
    }

    private final String id;
    private final Relation output;
    private final StreamPlan plan;
    private final Storage storage;
    private final PartitionedLog log;
    private final ViewSink sink;
    private final SourcePartitions sources;
    private final List<TopicPartition> partitions;
    private final Map<TopicPartition, Long> positions;
    private final Map<TopicPartition, Long> ends;
    private final Map<TopicPartition, Long> outputWritten = new ConcurrentHashMap<>();
    private volatile Map<TopicPartition, Long> committed = Map.of();
    private final Object commitMonitor = new Object();
    private final Thread thread;
    private volatile Status status = Status.STARTING;
    private volatile String failure;
    private volatile boolean stopping;
    private volatile long processedRows;
    private volatile long epochs;

    /**
     * @param output the query's catalog entry: the derived relation, or the sink
     * @param sink where the rows go: the derived relation, a stream (INSERT INTO), or a blackhole
     */
    PersistentQuery(String id, Relation output, StreamPlan plan, ViewSink sink, Storage storage) {
        this.id = id;
        this.output = output;
        this.plan = plan;
        this.storage = storage;
        this.log = storage.log();
        this.sink = sink;
        this.sources = new SourcePartitions(log, plan.sources());
        this.partitions = sources.partitions();
        this.positions = sources.positions();
        this.ends = sources.ends();
        this.thread = new Thread(this::run, "sluice-query-" + id);
        thread.setDaemon(true);
    }

    static String stateTopic(Relation output) {
        return PartitionedLog.SYSTEM_TOPIC_PREFIX + "query_" + output.oid();
    }

    String id() {
        return id;
    }

    Relation output() {
        return output;
    }

    StreamPlan plan() {
        return plan;
    }

    Status status() {
        return status;
    }

    String failure() {
        return failure;
    }

    long processedRows() {
        return processedRows;
    }

    /** Per source partition: the committed offset and the lag behind the partition's end. */
    Map<TopicPartition, long[]> progress() {
        Map<TopicPartition, long[]> out = new LinkedHashMap<>();
        Map<TopicPartition, Long> c = committed;
        for (TopicPartition tp : partitions) {
            long at = c.getOrDefault(tp, positions.getOrDefault(tp, 0L));
            long end = ends.getOrDefault(tp, at);
            out.put(tp, new long[] {at, Math.max(0, end - at)});
        }
        return out;
    }

    void start() {
        thread.start();
    }

    /** Stops the task and waits for it; the last committed checkpoint stays. */
    void stop() {
        stopping = true;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (status != Status.FAILED) {
            status = Status.STOPPED;
        }
        synchronized (commitMonitor) {
            commitMonitor.notifyAll();
        }
    }

    /**
     * Waits until the query has committed an epoch that read every source partition up to the given
     * offsets, then returns, per output partition, the offset its output has reached (what a reader of
     * the output must apply to see the effect).
     */
    Map<TopicPartition, Long> awaitProcessed(Map<TopicPartition, Long> required, long deadlineNanos)
            throws TimeoutException, InterruptedException {
        synchronized (commitMonitor) {
            while (true) {
                boolean done = true;
                for (var e : required.entrySet()) {
                    if (partitions.contains(e.getKey()) && committed.getOrDefault(e.getKey(), 0L) < e.getValue()) {
                        done = false;
                        break;
                    }
                }
                if (done || status == Status.FAILED || status == Status.STOPPED) {
                    return Map.copyOf(outputWritten);
                }
                long wait = deadlineNanos - System.nanoTime();
                if (wait <= 0) {
                    throw new TimeoutException();
                }
                TimeUnit.NANOSECONDS.timedWait(commitMonitor, wait);
            }
        }
    }

    private void run() {
        RowWriter.TransactionalProducer producer = null;
        try {
            producer = storage.writer().transactionalProducer("query-" + output.oid());
            Pipeline pipeline = plan.instantiate(sink);
            restore(pipeline);
            status = Status.RUNNING;
            LOG.info("Query {} running from {}", id, describePositions());
            long epochStart = System.nanoTime();
            boolean dirty = false;
            while (!stopping) {
                int read = sources.readOnce(pipeline, null);
                processedRows += read;
                if (read > 0) {
                    pipeline.flush();
                    dirty = true;
                }
                boolean due = System.nanoTime() - epochStart >= CHECKPOINT_INTERVAL.toNanos()
                        || sink.pendingRows() >= MAX_EPOCH_ROWS;
                if (dirty && (read == 0 || due)) {
                    checkpoint(pipeline, producer);
                    dirty = false;
                    epochStart = System.nanoTime();
                }
                if (read == 0) {
                    sources.awaitData(POLL_WAIT);
                }
            }
        } catch (Throwable t) {
            if (stopping && isInterruption(t)) {
                return;
            }
            status = Status.FAILED;
            failure = String.valueOf(t.getMessage() == null ? t : t.getMessage());
            LOG.error("Query {} failed: {}", id, failure, t);
            if (producer != null) {
                producer.abort();
            }
            synchronized (commitMonitor) {
                commitMonitor.notifyAll();
            }
        }
    }

    private static boolean isInterruption(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof InterruptedException
                    || c instanceof java.nio.channels.ClosedByInterruptException
                    || c instanceof java.util.concurrent.CancellationException) {
                return true;
            }
        }
        return Thread.currentThread().isInterrupted();
    }

    private void checkpoint(Pipeline pipeline, RowWriter.TransactionalProducer producer) {
        List<byte[][]> state = new ArrayList<>();
        pipeline.snapshot((key, value) -> state.add(new byte[][] {key, value}));
        state.add(new byte[][] {OFFSETS_KEY, encodeOffsets(positions)});
        var rows = sink.drain();
        state.add(new byte[][] {
            ROW_ID_KEY, ByteBuffer.allocate(8).putLong(sink.nextRowId()).array()
        });
        if (!rows.isEmpty()) {
            producer.write(sink.output(), rows);
        }
        producer.writeRaw(new TopicPartition(stateTopic(output), 0), state);
        Map<TopicPartition, Long> written = producer.commit();
        written.forEach((tp, o) -> {
            if (sink.output() != null && tp.topic().equals(sink.output().topic())) {
                outputWritten.merge(tp, o, Math::max);
            }
        });
        epochs++;
        synchronized (commitMonitor) {
            committed = Map.copyOf(positions);
            commitMonitor.notifyAll();
        }
    }

    /** Reads the committed state topic: operator state, source offsets, the row-id counter. */
    private void restore(Pipeline pipeline) {
        TopicPartition tp = new TopicPartition(stateTopic(output), 0);
        Map<ByteBuffer, byte[]> latest = new HashMap<>();
        long offset = 0;
        while (true) {
            FetchResult result = log.fetch(tp, offset, FETCH_BYTES, IsolationLevel.READ_COMMITTED);
            for (Record r : result.records(offset)) {
                ByteBuffer key = ByteBuffer.wrap(r.keyBytes());
                byte[] value = r.valueBytes();
                if (value == null) {
                    latest.remove(key);
                } else {
                    latest.put(key, value);
                }
            }
            if (result.nextOffset() <= offset || result.nextOffset() >= result.lastStableOffset()) {
                break;
            }
            offset = result.nextOffset();
        }
        int entries = 0;
        for (var e : latest.entrySet()) {
            byte[] key = e.getKey().array();
            if (java.util.Arrays.equals(key, OFFSETS_KEY)) {
                positions.putAll(decodeOffsets(e.getValue()));
            } else if (java.util.Arrays.equals(key, ROW_ID_KEY)) {
                sink.restoreNextRowId(ByteBuffer.wrap(e.getValue()).getLong());
            } else {
                pipeline.restore(key, e.getValue());
                entries++;
            }
        }
        committed = Map.copyOf(positions);
        if (entries > 0 || !positions.isEmpty()) {
            LOG.info("Query {} restored {} state entries", id, entries);
        }
    }

    private String describePositions() {
        if (positions.isEmpty()) {
            return "the beginning of its sources";
        }
        return positions.toString();
    }

    private static byte[] encodeOffsets(Map<TopicPartition, Long> offsets) {
        StringBuilder sb = new StringBuilder();
        offsets.forEach((tp, o) -> sb.append(tp.topic())
                .append('\t')
                .append(tp.partition())
                .append('\t')
                .append(o)
                .append('\n'));
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Map<TopicPartition, Long> decodeOffsets(byte[] bytes) {
        Map<TopicPartition, Long> out = new HashMap<>();
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\t");
            out.put(new TopicPartition(parts[0], Integer.parseInt(parts[1])), Long.parseLong(parts[2]));
        }
        return out;
    }
}
