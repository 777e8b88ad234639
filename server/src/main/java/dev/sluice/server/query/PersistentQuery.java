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
 *
 * <p>The query is a task on the server's query workers (a pool sized to the machine), not a thread
 * of its own: each {@link #step} reads and processes for up to {@link #SLICE}, checkpoints when due,
 * and then either queues itself again (more input) or parks until a source has data ({@link
 * SourcePartitions#whenData}), holding no worker while it waits. Steps of one query never overlap.
 */
final class PersistentQuery {
    private static final Logger LOG = LoggerFactory.getLogger(PersistentQuery.class);
    static final Duration CHECKPOINT_INTERVAL = Duration.ofMillis(500);
    static final int MAX_EPOCH_ROWS = 50_000;
    private static final int FETCH_BYTES = 1 << 20; // restore reads of the state topic
    private static final Duration POLL_WAIT = Duration.ofMillis(200);
    /** How long one step may hold a worker before it lets other queries run. */
    static final Duration SLICE = Duration.ofMillis(50);

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
    private final EpochOutput sink;
    private final SourcePartitions sources;
    private final List<TopicPartition> partitions;
    private final Map<TopicPartition, Long> positions;
    private final Map<TopicPartition, Long> ends;
    private final Map<TopicPartition, Long> outputWritten = new ConcurrentHashMap<>();
    private volatile Map<TopicPartition, Long> committed = Map.of();
    private final Object commitMonitor = new Object();
    private final java.util.concurrent.Executor workers;
    /**
     * {@link #IDLE}, {@link #QUEUED} (a step is queued or running) or {@link #AGAIN} (running, and a
     * wake-up arrived meanwhile: run once more). Steps never overlap and no wake-up is lost.
     */
    private final java.util.concurrent.atomic.AtomicInteger turn = new java.util.concurrent.atomic.AtomicInteger();

    private static final int IDLE = 0;
    private static final int QUEUED = 1;
    private static final int AGAIN = 2;
    /** Completes when the task has ended (stopped or failed). */
    private final java.util.concurrent.CompletableFuture<Void> finished =
            new java.util.concurrent.CompletableFuture<>();
    // Task state, touched only by steps (which never overlap).
    private dev.sluice.executor.state.QueryState localState;
    private final TaskLayout layout;
    private RowWriter.TransactionalProducer producer;
    private Pipeline pipeline;
    private long epochStart;
    private boolean dirty;
    private volatile Status status = Status.STARTING;
    private volatile String failure;
    private volatile boolean stopping;
    private volatile long processedRows;
    private volatile long epochs;

    /**
     * One task of a query: the part of the plan {@code layout} says, over the partitions it says, with
     * a transaction and offsets of its own (see {@link TaskLayout} and {@link QueryTasks}).
     *
     * @param output the query's catalog entry: the derived relation, or the sink
     * @param sink where the rows go: the derived relation, a stream (INSERT INTO), a blackhole, or
     *     the query's repartition topic
     */
    PersistentQuery(
            String id,
            Relation output,
            StreamPlan plan,
            EpochOutput sink,
            Storage storage,
            java.util.concurrent.Executor workers,
            TaskLayout layout) {
        this.id = id;
        this.layout = layout;
        this.output = output;
        this.plan = plan;
        this.storage = storage;
        this.log = storage.log();
        this.sink = sink;
        this.sources = layout.part() == TaskLayout.Part.ABOVE_EXCHANGE
                ? SourcePartitions.exchange(log, TaskLayout.exchangeTopic(output), layout.count(), layout.index())
                : new SourcePartitions(log, plan.sources(), layout.index(), layout.count());
        this.partitions = sources.partitions();
        this.positions = sources.positions();
        this.ends = sources.ends();
        this.workers = workers;
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

    TaskLayout layout() {
        return layout;
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
            if (layout.part() == TaskLayout.Part.ABOVE_EXCHANGE) {
                end = Math.max(end, committedEnd(tp, at)); // written since this task last read
            }
            out.put(tp, new long[] {at, Math.max(0, end - at)});
        }
        return out;
    }

    /** The last stable offset of a partition now (what a committed-only read could reach). */
    private long committedEnd(TopicPartition tp, long from) {
        try {
            return log.fetch(tp, from, 1, IsolationLevel.READ_COMMITTED).lastStableOffset();
        } catch (RuntimeException e) {
            return from; // dropped meanwhile, or below the log start: report no lag
        }
    }

    void start() {
        schedule();
    }

    /** Queues a step; if one is queued or running, makes sure another runs after it. */
    private void schedule() {
        while (true) {
            int t = turn.get();
            if (t == IDLE && turn.compareAndSet(IDLE, QUEUED)) {
                execute();
                return;
            }
            if (t == AGAIN || (t == QUEUED && turn.compareAndSet(QUEUED, AGAIN))) {
                return;
            }
        }
    }

    /** Ends a step: runs another if a wake-up came while it ran. */
    private void endStep() {
        while (true) {
            if (turn.compareAndSet(QUEUED, IDLE)) {
                return;
            }
            if (turn.compareAndSet(AGAIN, QUEUED)) {
                execute();
                return;
            }
        }
    }

    private void execute() {
        try {
            workers.execute(this::step);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            finished.complete(null); // the server is shutting down
        }
    }

    /** Stops the task and waits for it; the last committed checkpoint stays. */
    void stop() {
        stopping = true;
        schedule();
        try {
            finished.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            LOG.warn("Query {} did not stop within 10 s", id);
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

    /**
     * One turn on a worker: starts the query on its first turn (restore), then reads, processes and
     * checkpoints until the input is drained (then parks until data arrives) or the slice is used up
     * (then queues itself again behind other queries).
     */
    private void step() {
        try {
            if (!finished.isDone()) {
                runStep();
            }
        } finally {
            endStep();
        }
    }

    private void runStep() {
        try {
            if (stopping) {
                finished.complete(null);
                return;
            }
            if (pipeline == null) {
                producer = storage.writer().transactionalProducer(layout.transactionalId(output));
                localState = localState();
                Pipeline p = instantiate();
                restore(p);
                pipeline = p;
                status = Status.RUNNING;
                epochStart = System.nanoTime();
                LOG.info("Query {}{} running from {}", id, layout.label(), describePositions());
            }
            long sliceEnd = System.nanoTime() + SLICE.toNanos();
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
                    sources.whenData(POLL_WAIT).thenRun(this::schedule);
                    return;
                }
                if (System.nanoTime() >= sliceEnd) {
                    schedule();
                    return;
                }
            }
            finished.complete(null);
        } catch (Throwable t) {
            if (stopping) {
                finished.complete(null);
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
            finished.complete(null);
        }
    }

    /**
     * The local copy of the task's operator state, or null. Tasks that share state partition 0 keep no
     * operator state (their offsets come from the changelog alone: one local copy could not say which
     * task's checkpoint it reaches).
     */
    private dev.sluice.executor.state.QueryState localState() {
        if (layout.single()) {
            return storage.state().query(output.oid());
        }
        if (layout.part() == TaskLayout.Part.ABOVE_EXCHANGE) {
            return storage.state().query(output.oid(), layout.index());
        }
        return null;
    }

    private Pipeline instantiate() {
        Pipeline p =
                switch (layout.part()) {
                    case WHOLE -> plan.instantiate(sink);
                    case BELOW_EXCHANGE -> plan.instantiateBelow(layout.exchange(), sink);
                    case ABOVE_EXCHANGE -> plan.instantiateAbove(layout.exchange(), sink);
                };
        // Queries created before state keys became memcomparable keep the keys their state has.
        return QueryManager.memcomparableStateKeys(output) ? p : p.withValueCodecStateKeys();
    }

    private void checkpoint(Pipeline pipeline, RowWriter.TransactionalProducer producer) {
        List<byte[][]> state = new ArrayList<>();
        pipeline.snapshot((key, value) -> state.add(new byte[][] {key, value}));
        Map<TopicPartition, Long> own = new HashMap<>();
        for (TopicPartition tp : partitions) {
            Long at = positions.get(tp);
            if (at != null) {
                own.put(tp, at);
            }
        }
        state.add(new byte[][] {layout.offsetsKey(), encodeOffsets(own)});
        if (layout.single() && sink instanceof ViewSink view) {
            state.add(new byte[][] {
                ROW_ID_KEY, ByteBuffer.allocate(8).putLong(view.nextRowId()).array()
            });
        }
        sink.writeTo(producer);
        TopicPartition stateTp = new TopicPartition(stateTopic(output), layout.statePartition());
        producer.writeRaw(stateTp, state);
        Map<TopicPartition, Long> written = producer.commit();
        // Committed: now the local copy may have it too (never before, so it never runs ahead), and
        // only then may operators drop entries from the heap that read back from it.
        if (localState != null) {
            localState.apply(state, written.get(stateTp));
            pipeline.checkpointApplied();
        }
        written.forEach((tp, o) -> {
            if (tp.topic().equals(sink.topic())) {
                outputWritten.merge(tp, o, Math::max);
            }
        });
        if (layout.part() == TaskLayout.Part.ABOVE_EXCHANGE) {
            // The repartition topic below what this task has committed is never read again.
            for (TopicPartition tp : partitions) {
                Long at = own.get(tp);
                if (at != null) {
                    log.deleteRecordsBefore(tp, at);
                }
            }
        }
        epochs++;
        synchronized (commitMonitor) {
            committed = Map.copyOf(positions);
            commitMonitor.notifyAll();
        }
    }

    /**
     * Restores operator state, source offsets and the row-id counter.
     *
     * <p>With a local copy ({@link dev.sluice.executor.state.QueryState}, {@link #restoreLocal}) the
     * operators read through to it. Without one (a query split into tasks) every entry of the
     * changelog is loaded onto the heap.
     */
    private void restore(Pipeline pipeline) {
        if (localState != null) {
            restoreLocal(pipeline);
            return;
        }
        TopicPartition tp = new TopicPartition(stateTopic(output), layout.statePartition());
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
            if (TaskLayout.isOffsetsKey(key)) {
                // Every task's offsets (this and earlier runs, whatever the task count was then):
                // offsets only grow, so the largest per partition is where it stands.
                decodeOffsets(e.getValue()).forEach((p, o) -> positions.merge(p, o, Math::max));
            } else if (java.util.Arrays.equals(key, ROW_ID_KEY)) {
                if (sink instanceof ViewSink view) {
                    view.restoreNextRowId(ByteBuffer.wrap(e.getValue()).getLong());
                }
            } else {
                pipeline.restore(key, e.getValue());
                entries++;
            }
        }
        committed = Map.copyOf(positions);
        if (entries > 0 || !positions.isEmpty()) {
            LOG.info("Query {}{} restored {} state entries from its changelog", id, layout.label(), entries);
        }
    }

    /**
     * Restore with a local copy, whose size does not matter (nothing of the operator state is loaded):
     *
     * <ol>
     *   <li>Bring the copy up to date: apply the committed changelog records after the offset it
     *       records (checkpoints it missed: a crash loses its unflushed writes), one fetch at a time
     *       with the offset reached, so the tail need not fit on the heap either. A crash in between
     *       leaves the copy at a fetch boundary; the next restore continues from there (an upsert or
     *       delete applied twice gives the same state), and nothing reads the copy before a restore
     *       has finished.
     *   <li>Read the source offsets (every task's key) and the row-id counter from it.
     *   <li>The operators start with empty caches and read their state through to the copy.
     * </ol>
     */
    private void restoreLocal(Pipeline pipeline) {
        TopicPartition tp = new TopicPartition(stateTopic(output), layout.statePartition());
        long start = localState.appliedOffset().orElse(0);
        long offset = start;
        long records = 0;
        while (true) {
            FetchResult result = log.fetch(tp, offset, FETCH_BYTES, IsolationLevel.READ_COMMITTED);
            List<byte[][]> changes = new ArrayList<>();
            for (Record r : result.records(offset)) {
                changes.add(new byte[][] {r.keyBytes(), r.valueBytes()});
            }
            if (!changes.isEmpty()) {
                localState.apply(changes, result.nextOffset());
                records += changes.size();
            }
            if (result.nextOffset() <= offset || result.nextOffset() >= result.lastStableOffset()) {
                break;
            }
            offset = result.nextOffset();
        }
        // Every task's offsets (this and earlier runs, whatever the task count was then): offsets
        // only grow, so the largest per partition is where it stands.
        localState.forEachWithPrefix(
                TaskLayout.OFFSETS_KEY, (k, v) -> decodeOffsets(v).forEach((p, o) -> positions.merge(p, o, Math::max)));
        byte[] rowId = localState.get(ROW_ID_KEY);
        if (rowId != null && sink instanceof ViewSink view) {
            view.restoreNextRowId(ByteBuffer.wrap(rowId).getLong());
        }
        int cache = storage.queryStateCacheEntries();
        pipeline.readThrough(localState, cache);
        committed = Map.copyOf(positions);
        if (!positions.isEmpty()) {
            LOG.info(
                    "Query {}{} restored from its local state at changelog offset {} ({} changelog records after"
                            + " it applied); operators read through to it, {} unchanged entries each on the heap",
                    id,
                    layout.label(),
                    start,
                    records,
                    cache);
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
