package dev.sluice.server.engine;

import dev.sluice.common.Row;
import dev.sluice.common.SluiceException;
import dev.sluice.common.SqlState;
import dev.sluice.common.types.Column;
import dev.sluice.common.types.Schema;
import dev.sluice.common.types.SqlType;
import dev.sluice.pgwire.engine.CopyOptions;
import dev.sluice.pgwire.engine.ExecutionContext;
import dev.sluice.pgwire.engine.Result;
import dev.sluice.pgwire.engine.StatementKind;
import dev.sluice.planner.calcite.PseudoColumn;
import dev.sluice.planner.catalog.QualifiedName;
import dev.sluice.planner.catalog.Relation;
import dev.sluice.planner.catalog.RelationKind;
import dev.sluice.planner.catalog.TopicSettings;
import dev.sluice.planner.stream.StreamPlan;
import dev.sluice.server.query.PushQuery;
import dev.sluice.server.query.QueryManager;
import dev.sluice.server.storage.Storage;
import dev.sluice.sql.SqlFormatter;
import dev.sluice.sql.ast.CreateAs;
import dev.sluice.sql.ast.NumberLiteral;
import dev.sluice.sql.ast.Property;
import dev.sluice.sql.ast.Query;
import dev.sluice.sql.ast.Subscribe;
import dev.sluice.sql.ast.Terminate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * Continuous queries: CREATE STREAM/TABLE/MATERIALIZED VIEW ... AS SELECT (persistent), push queries
 * ({@code SELECT ... EMIT CHANGES}, {@code SUBSCRIBE}, their cursors and {@code COPY ... TO STDOUT}),
 * TERMINATE, EXPLAIN of a continuous query, and SHOW QUERIES.
 */
final class ContinuousPlans {
    static final Set<String> CREATE_AS_OPTIONS =
            Set.of("partitions", "replicas", "timestamp", "key", "retention", "retention_bytes");

    private final Storage storage;
    private final Executor pushExecutor;

    ContinuousPlans(Storage storage, Executor pushExecutor) {
        this.storage = storage;
        this.pushExecutor = pushExecutor;
    }

    private QueryManager queries() {
        return storage.queries();
    }

    StatementPlan createAs(CreateAs c, String sql) {
        if (c.orReplace()) {
            throw SluiceException.notSupported("CREATE OR REPLACE ... AS");
        }
        RelationKind kind =
                switch (c.kind()) {
                    case STREAM -> RelationKind.STREAM;
                    case TABLE -> RelationKind.TABLE;
                    case MATERIALIZED_VIEW -> RelationKind.MATERIALIZED_VIEW;
                    default ->
                        throw SluiceException.notSupported("CREATE " + c.kind().sql() + " AS");
                };
        if (c.query().emit() != null && c.query().emit() != dev.sluice.sql.ast.EmitMode.CHANGES) {
            throw SluiceException.notSupported("EMIT " + c.query().emit() + " (windows with EMIT FINAL)");
        }
        QualifiedName name = Names.of(c.name());
        WithOptions with = new WithOptions(c.properties(), CREATE_AS_OPTIONS, "CREATE " + kind.sqlName() + " AS");
        StreamPlan plan = kind == RelationKind.STREAM
                ? queries().planIntoStream(c.query(), sql)
                : queries().plan(c.query(), sql);
        List<Column> columns = checkColumns(QueryManager.outputColumns(plan));
        boolean hidden = false;
        Schema schema;
        if (kind == RelationKind.STREAM) {
            if (!plan.appendOnly()) {
                throw new SluiceException(
                        SqlState.FEATURE_NOT_SUPPORTED,
                        "CREATE STREAM AS needs a query whose result only grows, but this one updates and"
                                + " deletes rows (" + plan.mode().label() + " from " + plan.updatingOperator() + ")",
                        null,
                        "use CREATE TABLE AS or CREATE MATERIALIZED VIEW for aggregations and queries over tables",
                        c.pos().pgPosition(),
                        null);
            }
            String key = with.stringValue("key");
            if (key != null && columns.stream().noneMatch(col -> col.name().equals(key))) {
                throw with.error(with.property("key"), "column \"" + key + "\" is not in the query's result");
            }
            schema = key == null ? Schema.of(columns) : Schema.withKey(columns, List.of(key));
        } else {
            int[] key = plan.outputKey();
            if (key != null && key.length > 0) {
                List<String> keyNames = new ArrayList<>();
                for (int k : key) {
                    keyNames.add(columns.get(k).name());
                }
                schema = Schema.withKey(columns, keyNames);
            } else if ((key != null && key.length == 0) || plan.appendOnly()) {
                hidden = true;
                List<Column> withId = new ArrayList<>(columns);
                withId.add(Column.notNull(Relation.HIDDEN_ROW_ID, SqlType.BIGINT));
                schema = Schema.withKey(withId, List.of(Relation.HIDDEN_ROW_ID));
            } else {
                throw new SluiceException(
                        SqlState.FEATURE_NOT_SUPPORTED,
                        "the result of this query has no key to maintain it by",
                        "it reads tables but drops their primary key and does not group",
                        "keep the primary key columns in the SELECT list, or GROUP BY the columns that identify a row",
                        c.pos().pgPosition(),
                        null);
            }
        }
        String timestamp = with.stringValue("timestamp");
        if (timestamp != null && schema.column(timestamp).isEmpty()) {
            throw with.error(with.property("timestamp"), "column \"" + timestamp + "\" is not in the query's result");
        }
        int defaultPartitions = plan.sources().isEmpty()
                ? TopicSettings.DEFAULT_PARTITIONS
                : plan.sources().get(0).topicSettings().partitions();
        int partitions = with.intValue("partitions", defaultPartitions, 1, TopicSettings.MAX_PARTITIONS);
        TopicSettings topic = kind == RelationKind.STREAM
                ? new TopicSettings(partitions, 1, with.durationMillis("retention", -1), -1, false)
                : new TopicSettings(partitions, 1, -1, -1, true);
        List<QualifiedName> dependsOn =
                plan.sources().stream().map(Relation::name).distinct().toList();
        String createSql = SqlFormatter.format(c);
        Schema finalSchema = schema;
        boolean hiddenKey = hidden;
        String tag = "CREATE " + kind.sqlName();
        return (session, parameters, context) -> {
            synchronized (storage) {
                if (!DdlPlans.checkCreate(storage, name, c.ifNotExists(), dependsOn, context)) {
                    return new Result.Command(tag);
                }
                long oid = storage.catalog().allocateOid();
                Relation relation = new Relation(
                        oid,
                        name,
                        kind,
                        finalSchema,
                        timestamp,
                        DdlPlans.topicName(name, oid),
                        topic,
                        with.asStrings(),
                        createSql,
                        dependsOn,
                        hiddenKey);
                // Plan again against the catalog as it is now (a source may have changed since PREPARE).
                StreamPlan current = kind == RelationKind.STREAM
                        ? queries().planIntoStream(c.query(), sql)
                        : queries().plan(c.query(), sql);
                queries().create(relation, current, parallelism(context));
            }
            return new Result.Command(tag);
        };
    }

    static List<Column> checkColumns(List<Column> columns) {
        Set<String> seen = new HashSet<>();
        for (Column col : columns) {
            if (!seen.add(col.name())) {
                throw new SluiceException(
                        SqlState.DUPLICATE_COLUMN,
                        "column \"" + col.name() + "\" appears more than once in the query's result",
                        null,
                        "give the columns distinct names with AS",
                        0,
                        null);
            }
            if (PseudoColumn.isPseudoColumn(col.name()) || col.name().equals(Relation.HIDDEN_ROW_ID)) {
                throw new SluiceException(
                        SqlState.DUPLICATE_COLUMN,
                        "column name \"" + col.name() + "\" is reserved for a system column",
                        null,
                        "rename it with AS",
                        0,
                        null);
            }
        }
        return columns;
    }

    /**
     * {@code INSERT INTO stream [(columns)] SELECT ... EMIT CHANGES}: a persistent query writing into
     * an existing stream (ksqlDB's INSERT INTO). Its catalog entry is a sink named {@code
     * insertquery_<oid>} that depends on the stream, so the stream cannot be dropped under it without
     * CASCADE; {@code TERMINATE INSERTQUERY_<oid>} removes it.
     */
    StatementPlan insertInto(dev.sluice.sql.ast.Insert insert, String sql) {
        QualifiedName targetName = Names.of(insert.target());
        Relation target = storage.catalog()
                .snapshot()
                .find(targetName)
                .orElseThrow(() -> new SluiceException(
                        SqlState.UNDEFINED_TABLE,
                        "relation \"" + targetName.displayName() + "\" does not exist",
                        null,
                        null,
                        insert.target().pos().pgPosition(),
                        null));
        if (target.kind() != RelationKind.STREAM) {
            throw new SluiceException(
                    SqlState.WRONG_OBJECT_TYPE,
                    "INSERT INTO ... EMIT CHANGES writes into streams, and \"" + targetName.displayName() + "\" is a "
                            + target.kind().sqlName().toLowerCase(java.util.Locale.ROOT),
                    null,
                    "to maintain a table from a query use CREATE TABLE ... AS SELECT",
                    insert.target().pos().pgPosition(),
                    null);
        }
        int[] targetColumns = DmlPlans.targetColumns(target, insert.columns(), insert).stream()
                .mapToInt(Integer::intValue)
                .toArray();
        StreamPlan plan = queries().planIntoStream(insert.query(), sql);
        if (!plan.appendOnly()) {
            throw new SluiceException(
                    SqlState.FEATURE_NOT_SUPPORTED,
                    "INSERT INTO a stream needs a query whose result only grows, but this one updates and"
                            + " deletes rows (" + plan.mode().label() + " from " + plan.updatingOperator() + ")",
                    null,
                    "use CREATE TABLE AS or CREATE MATERIALIZED VIEW for aggregations and queries over tables",
                    insert.query().pos().pgPosition(),
                    null);
        }
        if (plan.sources().stream().anyMatch(r -> r.oid() == target.oid())) {
            throw new SluiceException(
                    SqlState.INVALID_PARAMETER_VALUE,
                    "INSERT INTO ... EMIT CHANGES cannot read the stream it writes into",
                    "every row it wrote would be read again, without end",
                    null,
                    insert.query().pos().pgPosition(),
                    null);
        }
        dev.sluice.server.query.InsertTarget.check(
                target,
                targetColumns,
                QueryManager.outputColumns(plan),
                insert.query().pos().pgPosition());
        List<QualifiedName> dependsOn = new ArrayList<>();
        plan.sources().stream().map(Relation::name).distinct().forEach(dependsOn::add);
        dependsOn.add(targetName);
        java.util.Map<String, String> properties = new java.util.LinkedHashMap<>();
        properties.put(QueryManager.INSERT_INTO_PROPERTY, targetName.displayName());
        if (!insert.columns().isEmpty()) {
            properties.put(dev.sluice.server.query.InsertTarget.COLUMNS_PROPERTY, String.join(",", insert.columns()));
        }
        String createSql = SqlFormatter.format(insert);
        return (session, parameters, context) -> {
            synchronized (storage) {
                long oid = storage.catalog().allocateOid();
                Relation sink = new Relation(
                        oid,
                        new QualifiedName(targetName.schema(), "insertquery_" + oid),
                        RelationKind.SINK,
                        Schema.of(checkColumns(QueryManager.outputColumns(plan))),
                        null,
                        "",
                        new TopicSettings(1, 1, -1, -1, false),
                        properties,
                        createSql,
                        dependsOn,
                        false);
                storage.catalog().checkCreate(sink.name(), false, dependsOn);
                queries().create(sink, queries().planIntoStream(insert.query(), sql), parallelism(context));
                context.notice(dev.sluice.pgwire.engine.Notice.notice(
                        "created query " + QueryManager.queryId(sink) + "; TERMINATE it to stop the inserts", null));
            }
            return new Result.Command("INSERT 0 0");
        };
    }

    /** {@code SELECT ... EMIT CHANGES}: a push query starting now. */
    StatementPlan push(Query query, String sql, boolean snapshot) {
        long limit = Long.MAX_VALUE;
        Query body = query;
        if (query.limit() != null && query.orderBy().isEmpty() && query.offset() == null) {
            // LIMIT on a push query ends it after n rows (as in ksqlDB); it is not part of the plan.
            if (query.limit() instanceof NumberLiteral n) {
                limit = Long.parseLong(n.text());
                body = new Query(query.pos(), query.with(), query.body(), query.orderBy(), null, null, query.emit());
            }
        }
        long version = storage.catalog().snapshot().version();
        StreamPlan plan = queries().plan(body, sql);
        List<Column> columns = PushQuery.columnsOf(plan);
        Query finalBody = body;
        long finalLimit = limit;
        return new StatementPlan() {
            @Override
            public StatementKind kind() {
                return StatementKind.QUERY;
            }

            @Override
            public List<Column> resultColumns() {
                return columns;
            }

            @Override
            public Result execute(SessionState session, Object[] parameters, ExecutionContext context) {
                return Result.Rows.unbounded(columns, start(plan, version, finalBody, sql, snapshot, finalLimit));
            }
        };
    }

    /** {@code COPY (SELECT ... EMIT CHANGES) TO STDOUT}: a push query psql prints as rows arrive. */
    StatementPlan copyOut(Query query, String sql, CopyOptions options) {
        long version = storage.catalog().snapshot().version();
        StreamPlan plan = queries().plan(query, sql);
        List<Column> columns = PushQuery.columnsOf(plan);
        return (session, parameters, context) ->
                new Result.CopyOut(columns, start(plan, version, query, sql, false, Long.MAX_VALUE), options);
    }

    /**
     * Starts a push query with the plan made at prepare time, or a fresh one when the catalog has
     * changed since (a relation it reads may be gone or different).
     */
    private PushQuery start(
            StreamPlan prepared, long preparedVersion, Query query, String sql, boolean snapshot, long limit) {
        StreamPlan plan = storage.catalog().snapshot().version() == preparedVersion
                ? prepared
                : queries().plan(query, sql);
        PushQuery push = new PushQuery(storage.log(), plan, snapshot, limit);
        push.start(pushExecutor);
        return push;
    }

    /** {@code SUBSCRIBE TO name} / {@code SUBSCRIBE (query)} {@code [WITH (snapshot = true)]}. */
    StatementPlan subscribe(Subscribe s, String sql) {
        boolean snapshot = false;
        for (Property p : s.properties()) {
            if (p.name().equalsIgnoreCase("snapshot")) {
                String v = p.value() == null
                        ? "true"
                        : SqlFormatter.format(p.value()).replace("'", "");
                snapshot = v.equalsIgnoreCase("true") || v.equals("1") || v.equalsIgnoreCase("on");
            } else {
                throw new SluiceException(
                        SqlState.INVALID_PARAMETER_VALUE,
                        "unrecognized SUBSCRIBE option \"" + p.name() + "\"",
                        null,
                        "the only option is snapshot",
                        p.pos().pgPosition(),
                        null);
            }
        }
        Query query = s.query();
        if (query == null) {
            query = SyntheticQueries.selectAll(s.name(), List.of());
        }
        return push(query, sql, snapshot);
    }

    StatementPlan terminate(Terminate t) {
        return (session, parameters, context) -> {
            synchronized (storage) {
                queries().terminate(t.queryId());
            }
            return new Result.Command("TERMINATE");
        };
    }

    StatementPlan explain(Query query, String sql) {
        StreamPlan plan = queries().plan(query, sql);
        List<Column> columns = List.of(Column.of("QUERY PLAN", SqlType.TEXT));
        return SessionPlans.rows(columns, context -> {
            List<Row> rows = new ArrayList<>();
            for (String line : plan.explain().split("\n")) {
                if (!line.isBlank()) {
                    rows.add(Row.of(line));
                }
            }
            return rows;
        });
    }

    /** EXPLAIN query_id: how the running query runs (its task layout), then its streaming plan. */
    StatementPlan explainQuery(String id) {
        List<Column> columns = List.of(Column.of("QUERY PLAN", SqlType.TEXT));
        return SessionPlans.rows(columns, context -> {
            List<Row> rows = new ArrayList<>();
            for (String line : queries().explain(id).split("\n")) {
                if (!line.isBlank()) {
                    rows.add(Row.of(line));
                }
            }
            return rows;
        });
    }

    StatementPlan showQueries() {
        List<Column> columns = List.of(
                Column.of("query_id", SqlType.TEXT),
                Column.of("status", SqlType.TEXT),
                Column.of("sink", SqlType.TEXT),
                Column.of("processed", SqlType.BIGINT),
                Column.of("lag", SqlType.BIGINT),
                Column.of("offsets", SqlType.TEXT),
                Column.of("query", SqlType.TEXT),
                Column.of("tasks", SqlType.INT));
        return SessionPlans.rows(columns, context -> {
            List<Row> rows = new ArrayList<>();
            for (QueryManager.QueryInfo q : queries().list()) {
                StringBuilder offsets = new StringBuilder();
                q.progress().forEach((tp, p) -> {
                    if (offsets.length() > 0) {
                        offsets.append(", ");
                    }
                    offsets.append(tp.topic())
                            .append('/')
                            .append(tp.partition())
                            .append(": ")
                            .append(p[0])
                            .append(" (lag ")
                            .append(p[1])
                            .append(')');
                });
                rows.add(Row.of(
                        q.id(),
                        q.status(),
                        q.output().name().displayName(),
                        q.processedRows(),
                        q.totalLag(),
                        offsets.toString(),
                        q.output().createSql(),
                        q.tasks()));
            }
            return rows;
        });
    }

    /** The session's {@code streaming_parallelism} for a query it creates (see QueryManager). */
    static int parallelism(dev.sluice.pgwire.engine.ExecutionContext context) {
        return QueryManager.parallelism(context.parameter(QueryManager.PARALLELISM_SETTING));
    }
}
