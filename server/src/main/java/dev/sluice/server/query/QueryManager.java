package dev.sluice.server.query;

import dev.sluice.common.SluiceException;
import dev.sluice.common.SqlState;
import dev.sluice.logengine.CleanupPolicy;
import dev.sluice.logengine.TopicPartition;
import dev.sluice.logengine.TopicSpec;
import dev.sluice.planner.catalog.CatalogSnapshot;
import dev.sluice.planner.catalog.Relation;
import dev.sluice.planner.sql.QueryConverter;
import dev.sluice.planner.stream.StreamNode;
import dev.sluice.planner.stream.StreamPlan;
import dev.sluice.planner.stream.StreamPlanner;
import dev.sluice.server.storage.Storage;
import dev.sluice.sql.SqlParser;
import dev.sluice.sql.ast.CreateAs;
import dev.sluice.sql.ast.Query;
import dev.sluice.sql.ast.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The persistent queries of a server: one per derived stream, table or view (CREATE ... AS SELECT).
 * The catalog entry of the derived relation is the query's definition (its {@code createSql}), so
 * after a restart {@link #startAll} plans and starts every query again, and each resumes from its
 * last checkpoint.
 */
public final class QueryManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QueryManager.class);
    /** Set in a relation's properties by TERMINATE: the relation stays, its query does not run. */
    public static final String TERMINATED_PROPERTY = "sluice.query.terminated";
    /**
     * Set at creation when a query runs split at an exchange by key: the partition count of its
     * repartition topic (= the tasks above the exchange). Fixed for the query's life, because the
     * state of each key lives with the task owning its partition.
     */
    static final String EXCHANGE_PROPERTY = "sluice.query.exchange.partitions";
    /**
     * Set at creation from the session's {@code streaming_parallelism} when it is not 0: the most tasks
     * the query runs in each stage. Without it, a query uses up to one task per core.
     */
    static final String PARALLELISM_PROPERTY = "sluice.query.parallelism";
    /**
     * Set at creation on every query since operator state keys became memcomparable ({@code KeyCodec});
     * a query without it was created earlier and keeps its {@code ValueCodec} state keys.
     */
    static final String STATE_KEYS_PROPERTY = "sluice.query.state.keys";

    static boolean memcomparableStateKeys(Relation output) {
        return "memcomparable".equals(output.properties().get(STATE_KEYS_PROPERTY));
    }

    /** The session setting (RisingWave's name) that limits the tasks of the queries it creates. */
    public static final String PARALLELISM_SETTING = "streaming_parallelism";

    /**
     * Parses {@code streaming_parallelism}: 0 (or unset) for one task per core where the plan allows
     * it, n for at most n tasks in each stage.
     */
    public static int parallelism(String setting) {
        if (setting == null || setting.isBlank() || setting.equalsIgnoreCase("default")) {
            return 0;
        }
        try {
            int n = Integer.parseInt(setting.trim());
            if (n >= 0 && n <= 1024) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new SluiceException(
                SqlState.INVALID_PARAMETER_VALUE,
                "invalid value for parameter \"" + PARALLELISM_SETTING + "\": \"" + setting + "\"",
                null,
                "use 0 for one task per core, or the most tasks a new persistent query may run (1 to 1024)",
                0,
                null);
    }

    private final Storage storage;
    private final StreamPlanner planner;
    private final Map<Long, QueryTasks> byOutput = new ConcurrentHashMap<>();
    /**
     * The workers every persistent query runs on: a query is a task that takes turns, not a thread, so
     * a hundred views do not mean a hundred threads. Two per core (at least four), because a turn also
     * waits for its checkpoint's log commit; with one per core a commit would leave a core idle.
     */
    private final java.util.concurrent.ExecutorService workers;

    public QueryManager(Storage storage) {
        this.storage = storage;
        this.planner = new StreamPlanner(storage.reader());
        int threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        this.workers = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "sluice-query-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Plans a continuous query against the current catalog. */
    public StreamPlan plan(Query query, String sql) {
        return plan(storage.catalog().snapshot(), query, sql);
    }

    /**
     * Plans a continuous query whose rows go into a stream: with the input's event time as a last,
     * hidden result column when the query maps rows one to one (see {@link EventTimeColumn}).
     */
    public StreamPlan planIntoStream(Query query, String sql) {
        return planIntoStream(storage.catalog().snapshot(), query, sql);
    }

    private StreamPlan planIntoStream(CatalogSnapshot snapshot, Query query, String sql) {
        StreamPlan plain = plan(snapshot, query, sql);
        Query withTime = EventTimeColumn.addTo(query);
        if (withTime == null || !plain.appendOnly()) {
            return plain;
        }
        try {
            StreamPlan timed = plan(snapshot, withTime, sql);
            return timed.appendOnly() ? timed : plain;
        } catch (RuntimeException e) {
            return plain; // e.g. a global aggregate without GROUP BY: ROWTIME is not allowed there
        }
    }

    /** A plan's result columns as the relation or stream it writes sees them. */
    public static List<dev.sluice.common.types.Column> outputColumns(StreamPlan plan) {
        return EventTimeColumn.visibleColumns(plan);
    }

    private StreamPlan plan(CatalogSnapshot snapshot, Query query, String sql) {
        Query body = new Query(
                query.pos(), query.with(), query.body(), query.orderBy(), query.limit(), query.offset(), null);
        return planner.plan(snapshot, new QueryConverter(List.of()).convert(body), sql);
    }

    /** Set in a sink's properties by INSERT INTO ... EMIT CHANGES: the stream it writes into. */
    public static final String INSERT_INTO_PROPERTY = "into";

    /**
     * The id SHOW QUERIES and TERMINATE use, in ksqlDB's spelling: CSAS_NAME_OID, CTAS_..., MV_...,
     * SINK_NAME_OID, and INSERTQUERY_OID for INSERT INTO ... EMIT CHANGES.
     */
    public static String queryId(Relation r) {
        if (isInsertQuery(r)) {
            return "INSERTQUERY_" + r.oid();
        }
        String prefix =
                switch (r.kind()) {
                    case STREAM -> "CSAS";
                    case TABLE -> "CTAS";
                    case MATERIALIZED_VIEW -> "MV";
                    case SINK -> "SINK";
                    case SOURCE -> "SOURCE";
                };
        return prefix + "_" + r.name().name().toUpperCase(Locale.ROOT) + "_" + r.oid();
    }

    /** True for the catalog entry of an INSERT INTO ... EMIT CHANGES. */
    public static boolean isInsertQuery(Relation r) {
        return r.kind() == dev.sluice.planner.catalog.RelationKind.SINK
                && r.properties().containsKey(INSERT_INTO_PROPERTY);
    }

    /** Starts the query of every derived relation in the catalog (server start-up), sources first. */
    public void startAll() {
        CatalogSnapshot snapshot = storage.catalog().snapshot();
        List<Relation> derived = new ArrayList<>();
        for (Relation r : snapshot.relations()) {
            if (!r.dependsOn().isEmpty() && !"true".equals(r.properties().get(TERMINATED_PROPERTY))) {
                derived.add(r);
            }
        }
        derived.sort(Comparator.comparingLong(Relation::oid));
        for (Relation r : derived) {
            try {
                Statement s = SqlParser.parseStatement(r.createSql());
                Query query;
                boolean intoStream = r.kind() == dev.sluice.planner.catalog.RelationKind.STREAM || isInsertQuery(r);
                if (s instanceof CreateAs c) {
                    query = c.query();
                } else if (s instanceof dev.sluice.sql.ast.CreateSink c) {
                    query = c.query() != null
                            ? c.query()
                            : dev.sluice.server.engine.SyntheticQueries.selectAll(c.from(), List.of());
                } else if (s instanceof dev.sluice.sql.ast.Insert i) {
                    query = i.query();
                } else {
                    continue;
                }
                StreamPlan plan = intoStream
                        ? planIntoStream(snapshot, query, r.createSql())
                        : plan(snapshot, query, r.createSql());
                start(snapshot, r, plan);
            } catch (RuntimeException e) {
                LOG.error("Cannot restart the query of {}: {}", r.name().displayName(), e.getMessage());
            }
        }
    }

    /**
     * Creates the derived relation and starts its query. The state topic is created first and the
     * catalog entry committed last, as for every relation ({@link Storage#create}).
     */
    public void create(Relation output, StreamPlan plan) {
        create(output, plan, 0);
    }

    /**
     * As {@link #create(Relation, StreamPlan)}, with at most {@code parallelism} tasks in each stage (0:
     * one per core), recorded with the relation so a restart runs it the same way.
     */
    public void create(Relation output, StreamPlan plan, int parallelism) {
        output = withProperty(output, STATE_KEYS_PROPERTY, "memcomparable");
        if (parallelism > 0) {
            output = withProperty(output, PARALLELISM_PROPERTY, String.valueOf(parallelism));
        }
        int exchangePartitions = exchangePartitions(output, plan.withLocalAggregate(), maxTasks(output));
        if (exchangePartitions > 0) {
            output = withProperty(output, EXCHANGE_PROPERTY, String.valueOf(exchangePartitions));
        }
        String stateTopic = PersistentQuery.stateTopic(output);
        String exchangeTopic = TaskLayout.exchangeTopic(output);
        var log = storage.log();
        for (String topic : List.of(stateTopic, exchangeTopic)) {
            if (log.describeTopic(topic).isPresent()) {
                log.deleteTopic(topic).join(); // left by a CREATE that crashed before its catalog commit
            }
        }
        TopicSpec one = TopicSpec.of(1);
        log.createTopic(
                        stateTopic,
                        new TopicSpec(
                                1 + exchangePartitions,
                                CleanupPolicy.COMPACT,
                                -1,
                                -1,
                                Math.min(one.segmentBytes(), 64 << 20),
                                one.segmentMs(),
                                one.deleteRetentionMs()))
                .join();
        if (exchangePartitions > 0) {
            // Read once by the task owning each partition, which deletes what it has committed
            // (PartitionedLog.deleteRecordsBefore, whole segments): small segments keep it short.
            log.createTopic(
                            exchangeTopic,
                            new TopicSpec(
                                    exchangePartitions,
                                    CleanupPolicy.DELETE,
                                    -1,
                                    -1,
                                    8 << 20,
                                    60_000,
                                    one.deleteRetentionMs()))
                    .join();
        }
        try {
            storage.create(output);
        } catch (RuntimeException e) {
            log.deleteTopic(stateTopic);
            if (exchangePartitions > 0) {
                log.deleteTopic(exchangeTopic);
            }
            throw e;
        }
        start(storage.catalog().snapshot(), output, plan);
    }

    /**
     * The repartition topic's partition count if the new query should run split at an exchange by key
     * (one task above it per core, or per {@code streaming_parallelism}), else 0: only with more than
     * one task allowed, and only for a plan that {@link StreamPlan#parallelExchange can be split}.
     */
    private static int exchangePartitions(Relation output, StreamPlan plan, int maxTasks) {
        StreamNode.Exchange x = plan.parallelExchange();
        boolean global = plan.outputKey() != null && plan.outputKey().length == 0;
        if (maxTasks < 2 || x == null || (output.hiddenKey() && !global)) {
            return 0; // a hidden row-id sequence needs one task; a global aggregate's row id is constant
        }
        return x.keys().length == 0 ? 1 : maxTasks; // a global aggregate: everything to one task
    }

    /** The most tasks the query may run in each stage: its recorded parallelism, else the cores. */
    private static int maxTasks(Relation output) {
        String recorded = output.properties().get(PARALLELISM_PROPERTY);
        return recorded != null
                ? Integer.parseInt(recorded)
                : Runtime.getRuntime().availableProcessors();
    }

    private static Relation withProperty(Relation r, String key, String value) {
        Map<String, String> props = new HashMap<>(r.properties());
        props.put(key, value);
        return new Relation(
                r.oid(),
                r.name(),
                r.kind(),
                r.schema(),
                r.timestampColumn(),
                r.topic(),
                r.topicSettings(),
                props,
                r.createSql(),
                r.dependsOn(),
                r.hiddenKey());
    }

    /** Where a query's rows go: its own relation, the stream it inserts into, or a blackhole. */
    private static ViewSink sinkFor(CatalogSnapshot snapshot, Relation output, StreamPlan plan) {
        var conversion = dev.sluice.planner.stream.RowConversion.result(EventTimeColumn.visibleColumns(plan));
        boolean eventTime = EventTimeColumn.carriedBy(plan);
        if (output.kind() == dev.sluice.planner.catalog.RelationKind.SINK) {
            String into = output.properties().get(INSERT_INTO_PROPERTY);
            if (into == null) {
                return ViewSink.blackhole();
            }
            Relation target = snapshot.relations().stream()
                    .filter(r -> r.name().displayName().equals(into))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("the stream " + into + " is gone"));
            return ViewSink.insertInto(target, conversion, InsertTarget.columns(target, output), eventTime);
        }
        ViewSink.RowIds rowIds = ViewSink.RowIds.NONE;
        if (output.hiddenKey()) {
            rowIds = plan.outputKey() != null && plan.outputKey().length == 0
                    ? ViewSink.RowIds.CONSTANT
                    : ViewSink.RowIds.SEQUENCE;
        }
        return new ViewSink(output, conversion, rowIds, eventTime);
    }

    private void start(CatalogSnapshot snapshot, Relation output, StreamPlan plan) {
        String id = queryId(output);
        String exchangeProperty = output.properties().get(EXCHANGE_PROPERTY);
        QueryTasks q;
        if (exchangeProperty != null) {
            plan = plan.withLocalAggregate();
            StreamNode.Exchange x = plan.parallelExchange();
            if (x == null) {
                throw new IllegalStateException(
                        "the query was created split at an exchange by key, but its plan no longer has one");
            }
            int partitions = Integer.parseInt(exchangeProperty);
            String topic = TaskLayout.exchangeTopic(output);
            int n = QueryTasks.sourceTasks(plan, maxTasks(output));
            List<PersistentQuery> lower = new ArrayList<>();
            for (int t = 0; t < n; t++) {
                lower.add(new PersistentQuery(
                        id,
                        output,
                        plan,
                        new ExchangeSink(topic, x.keys(), partitions),
                        storage,
                        workers,
                        new TaskLayout(TaskLayout.Part.BELOW_EXCHANGE, t, n, x)));
            }
            List<PersistentQuery> upper = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                upper.add(new PersistentQuery(
                        id,
                        output,
                        plan,
                        sinkFor(snapshot, output, plan),
                        storage,
                        workers,
                        new TaskLayout(TaskLayout.Part.ABOVE_EXCHANGE, p, partitions, x)));
            }
            q = new QueryTasks(lower, upper);
        } else {
            int n = QueryTasks.taskCount(plan, output.hiddenKey(), maxTasks(output));
            List<PersistentQuery> tasks = new ArrayList<>();
            for (int t = 0; t < n; t++) {
                tasks.add(new PersistentQuery(
                        id, output, plan, sinkFor(snapshot, output, plan), storage, workers, TaskLayout.whole(t, n)));
            }
            q = new QueryTasks(tasks);
        }
        byOutput.put(output.oid(), q);
        q.start();
    }

    /** Stops the queries of relations about to be dropped (call before {@link Storage#drop}). */
    public void stopFor(List<Relation> relations) {
        for (Relation r : relations) {
            QueryTasks q = byOutput.remove(r.oid());
            if (q != null) {
                q.stop();
            }
        }
    }

    /** Removes the state of dropped relations' queries (call after {@link Storage#drop}). */
    public void dropState(List<Relation> relations) {
        for (Relation r : relations) {
            if (r.dependsOn().isEmpty()) {
                continue;
            }
            try {
                storage.state().drop(r.oid()); // the local copies of the query's state
                storage.log().deleteTopic(PersistentQuery.stateTopic(r)).join();
                if (r.properties().containsKey(EXCHANGE_PROPERTY)) {
                    storage.log().deleteTopic(TaskLayout.exchangeTopic(r)).join();
                }
            } catch (RuntimeException e) {
                LOG.debug("no state topic for {}: {}", r.name(), e.toString());
            }
        }
    }

    /**
     * EXPLAIN id: the query's status and tasks, then the plan it runs (with the local aggregate a split
     * query gets, which EXPLAIN of the statement does not show).
     */
    public String explain(String id) {
        for (QueryTasks q : byOutput.values()) {
            if (q.id().equalsIgnoreCase(id)) {
                return "Query " + q.id() + ": " + q.status() + "\n" + q.describeTasks()
                        + q.plan().explain();
            }
        }
        throw unknownQuery(id);
    }

    private static SluiceException unknownQuery(String id) {
        return new SluiceException(
                SqlState.UNDEFINED_OBJECT,
                "query \"" + id + "\" does not exist",
                null,
                "SHOW QUERIES lists the running queries",
                0,
                null);
    }

    /** TERMINATE id: stops the query for good; its relation keeps the rows it has. */
    public Relation terminate(String id) {
        for (QueryTasks q : byOutput.values()) {
            if (q.id().equalsIgnoreCase(id)) {
                if (q.output().kind() == dev.sluice.planner.catalog.RelationKind.SINK) {
                    // A sink is nothing but its query (as in ksqlDB, terminating an INSERT INTO
                    // query removes it): stop it and remove its entry and state.
                    storage.drop(List.of(q.output()));
                    return q.output();
                }
                q.stop();
                byOutput.remove(q.output().oid());
                Relation updated = withProperty(q.output(), TERMINATED_PROPERTY, "true");
                storage.update(updated);
                return updated;
            }
        }
        throw unknownQuery(id);
    }

    /** What SHOW QUERIES shows about one query. */
    public record QueryInfo(
            String id,
            Relation output,
            String status,
            long processedRows,
            Map<TopicPartition, long[]> progress,
            String explain,
            int tasks) {

        public long totalLag() {
            return progress.values().stream().mapToLong(p -> p[1]).sum();
        }
    }

    public List<QueryInfo> list() {
        List<QueryInfo> out = new ArrayList<>();
        for (QueryTasks q : byOutput.values()) {
            String status = q.status().name();
            if (q.status() == PersistentQuery.Status.FAILED) {
                status = "FAILED: " + q.failure();
            }
            out.add(new QueryInfo(
                    q.id(),
                    q.output(),
                    status,
                    q.processedRows(),
                    q.progress(),
                    q.plan().explain(),
                    q.size()));
        }
        out.sort(Comparator.comparing(QueryInfo::id));
        return out;
    }

    public Optional<QueryInfo> find(Relation output) {
        return list().stream().filter(i -> i.output().oid() == output.oid()).findFirst();
    }

    /**
     * Read your writes through derived relations: given what a session wrote (relation oid →
     * partition → next offset), waits until every query reading those relations — and every query
     * reading their outputs, transitively — has committed an epoch that covers them and its output
     * has been materialized.
     */
    public void awaitDerived(Map<Long, Map<Integer, Long>> writes, Duration timeout)
            throws TimeoutException, InterruptedException {
        if (byOutput.isEmpty() || writes.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<TopicPartition, Long> required = new HashMap<>();
        CatalogSnapshot snapshot = storage.catalog().snapshot();
        for (var e : writes.entrySet()) {
            snapshot.relations().stream()
                    .filter(r -> r.oid() == e.getKey())
                    .findFirst()
                    .ifPresent(r -> e.getValue().forEach((p, o) -> required.put(new TopicPartition(r.topic(), p), o)));
        }
        List<QueryTasks> queries = new ArrayList<>(byOutput.values());
        queries.sort(Comparator.comparingLong(q -> q.output().oid()));
        for (QueryTasks q : queries) {
            boolean reads = false;
            for (TopicPartition tp : required.keySet()) {
                for (Relation s : q.plan().sources()) {
                    if (s.topic().equals(tp.topic())) {
                        reads = true;
                    }
                }
            }
            if (!reads) {
                continue;
            }
            Map<TopicPartition, Long> outputs = q.awaitProcessed(required, deadline);
            outputs.forEach((tp, o) -> required.merge(tp, o, Math::max));
            var materializer = storage.materializer(q.output().oid());
            if (materializer.isPresent()) {
                for (var o : outputs.entrySet()) {
                    try {
                        materializer
                                .get()
                                .awaitApplied(o.getKey().partition(), o.getValue())
                                .get(
                                        Math.max(1, deadline - System.nanoTime()),
                                        java.util.concurrent.TimeUnit.NANOSECONDS);
                    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.CancellationException e) {
                        // dropped meanwhile
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        byOutput.values().forEach(QueryTasks::stop);
        byOutput.clear();
        workers.shutdownNow();
    }
}
