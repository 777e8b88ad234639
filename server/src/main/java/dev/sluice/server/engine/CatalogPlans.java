package dev.sluice.server.engine;

import dev.sluice.common.Row;
import dev.sluice.common.RowKind;
import dev.sluice.common.SluiceException;
import dev.sluice.common.SqlState;
import dev.sluice.common.types.Column;
import dev.sluice.common.types.SqlType;
import dev.sluice.executor.codec.RowCodec;
import dev.sluice.executor.state.ChangelogMaterializer;
import dev.sluice.logengine.FetchResult;
import dev.sluice.logengine.IsolationLevel;
import dev.sluice.logengine.PartitionInfo;
import dev.sluice.logengine.TopicDescription;
import dev.sluice.logengine.TopicPartition;
import dev.sluice.logengine.record.Record;
import dev.sluice.pgwire.engine.Result;
import dev.sluice.pgwire.engine.RowSource;
import dev.sluice.pgwire.engine.StatementKind;
import dev.sluice.planner.catalog.Relation;
import dev.sluice.planner.catalog.RelationKind;
import dev.sluice.server.storage.Storage;
import dev.sluice.sql.ast.Describe;
import dev.sluice.sql.ast.Print;
import dev.sluice.sql.ast.ShowCreate;
import dev.sluice.sql.ast.ShowKind;
import dev.sluice.sql.ast.ShowObjects;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * SHOW STREAMS | TABLES | MATERIALIZED VIEWS | SOURCES | SINKS | TOPICS, DESCRIBE, SHOW CREATE and
 * PRINT. (SHOW QUERIES is {@link ContinuousPlans#showQueries}.)
 */
final class CatalogPlans {
    private final Storage storage;
    private final Executor tailExecutor;

    CatalogPlans(Storage storage, Executor tailExecutor) {
        this.storage = storage;
        this.tailExecutor = tailExecutor;
    }

    /** SHOW TABLES and SHOW MATERIALIZED VIEWS list keyed relations the same way. */
    private static final List<Column> KEYED_RELATION_COLUMNS = List.of(
            Column.of("name", SqlType.TEXT),
            Column.of("topic", SqlType.TEXT),
            Column.of("partitions", SqlType.INT),
            Column.of("primary_key", SqlType.TEXT),
            Column.of("timestamp", SqlType.TEXT));

    StatementPlan show(ShowObjects s) {
        return switch (s.kind()) {
            case STREAMS ->
                relations(
                        RelationKind.STREAM,
                        List.of(
                                Column.of("name", SqlType.TEXT),
                                Column.of("topic", SqlType.TEXT),
                                Column.of("partitions", SqlType.INT),
                                Column.of("key", SqlType.TEXT),
                                Column.of("timestamp", SqlType.TEXT)));
            case TABLES -> relations(RelationKind.TABLE, KEYED_RELATION_COLUMNS);
            case MATERIALIZED_VIEWS, VIEWS -> relations(RelationKind.MATERIALIZED_VIEW, KEYED_RELATION_COLUMNS);
            case SOURCES, SINKS -> connectors(s.kind() == ShowKind.SOURCES ? RelationKind.SOURCE : RelationKind.SINK);
            case TOPICS ->
                SessionPlans.rows(
                        List.of(
                                Column.of("name", SqlType.TEXT),
                                Column.of("partitions", SqlType.INT),
                                Column.of("cleanup_policy", SqlType.TEXT),
                                Column.of("records", SqlType.BIGINT),
                                Column.of("bytes", SqlType.BIGINT)),
                        context -> {
                            List<Row> rows = new ArrayList<>();
                            for (String topic : storage.log().listTopics()) {
                                storage.log().describeTopic(topic).ifPresent(d -> {
                                    long records = 0;
                                    long bytes = 0;
                                    for (PartitionInfo p : d.partitions()) {
                                        records += p.highWatermark() - p.logStartOffset();
                                        bytes += p.sizeBytes();
                                    }
                                    rows.add(Row.of(
                                            topic,
                                            d.partitions().size(),
                                            d.spec().cleanupPolicy().name().toLowerCase(Locale.ROOT),
                                            records,
                                            bytes));
                                });
                            }
                            return rows;
                        });
            default -> throw SluiceException.notSupported("SHOW " + s.kind().sql());
        };
    }

    /** SHOW SOURCES / SHOW SINKS: name, connector and the other options. */
    private StatementPlan connectors(RelationKind kind) {
        List<Column> columns = List.of(
                Column.of("name", SqlType.TEXT),
                Column.of("connector", SqlType.TEXT),
                Column.of("partitions", SqlType.INT),
                Column.of("options", SqlType.TEXT));
        return SessionPlans.rows(columns, context -> {
            List<Row> rows = new ArrayList<>();
            for (Relation r : storage.catalog().snapshot().relations(kind)) {
                StringBuilder options = new StringBuilder();
                new java.util.TreeMap<>(r.properties()).forEach((k, v) -> {
                    if (!k.equals("connector") && !k.startsWith("sluice.")) {
                        options.append(options.length() == 0 ? "" : ", ")
                                .append(k)
                                .append(" = ")
                                .append(v);
                    }
                });
                String connector = r.properties().getOrDefault("connector", "stream");
                rows.add(Row.of(
                        r.name().displayName(), connector, r.topicSettings().partitions(), options.toString()));
            }
            return rows;
        });
    }

    private StatementPlan relations(RelationKind kind, List<Column> columns) {
        return SessionPlans.rows(columns, context -> {
            List<Row> rows = new ArrayList<>();
            for (Relation r : storage.catalog().snapshot().relations(kind)) {
                String key = r.hiddenKey()
                        ? null
                        : r.schema().hasKey()
                                ? String.join(
                                        ", ",
                                        r.schema().keyColumns().stream()
                                                .map(Column::name)
                                                .toList())
                                : null;
                rows.add(Row.of(
                        r.name().displayName(), r.topic(), r.topicSettings().partitions(), key, r.timestampColumn()));
            }
            return rows;
        });
    }

    StatementPlan describe(Describe d) {
        var name = Names.of(d.name());
        if (!d.extended()) {
            List<Column> columns = List.of(
                    Column.of("column_name", SqlType.TEXT),
                    Column.of("data_type", SqlType.TEXT),
                    Column.of("nullable", SqlType.BOOLEAN),
                    Column.of("key", SqlType.BOOLEAN));
            return SessionPlans.rows(columns, context -> {
                Relation r = find(d);
                List<String> keys =
                        r.schema().keyColumns().stream().map(Column::name).toList();
                List<Row> rows = new ArrayList<>();
                for (Column c : r.visibleColumns()) {
                    rows.add(Row.of(
                            c.name(), c.type().toSql(), c.nullable(), keys.contains(c.name()) && !r.hiddenKey()));
                }
                return rows;
            });
        }
        List<Column> columns = List.of(
                Column.of("section", SqlType.TEXT), Column.of("name", SqlType.TEXT), Column.of("value", SqlType.TEXT));
        return SessionPlans.rows(columns, context -> {
            Relation r = find(d);
            List<Row> rows = new ArrayList<>();
            List<String> keys =
                    r.schema().keyColumns().stream().map(Column::name).toList();
            for (Column c : r.visibleColumns()) {
                String info = c.type().toSql()
                        + (c.nullable() ? "" : " NOT NULL")
                        + (keys.contains(c.name()) && !r.hiddenKey()
                                ? (r.kind().isKeyed() ? " PRIMARY KEY" : " KEY")
                                : "");
                rows.add(Row.of("column", c.name(), info));
            }
            rows.add(Row.of("property", "kind", r.kind().sqlName()));
            if (!r.kind().hasTopic()) {
                // A source or sink: its connector options say what it is; it has no topic.
                r.properties().forEach((k, v) -> {
                    if (!k.startsWith("sluice.")) { // internal: how the query runs, not what the user set
                        rows.add(Row.of("property", k, v));
                    }
                });
                rows.add(Row.of(
                        "property",
                        "partitions",
                        String.valueOf(r.topicSettings().partitions())));
                return rows;
            }
            rows.add(Row.of("property", "topic", r.topic()));
            rows.add(Row.of(
                    "property", "partitions", String.valueOf(r.topicSettings().partitions())));
            rows.add(Row.of(
                    "property", "replicas", String.valueOf(r.topicSettings().replicas())));
            rows.add(
                    Row.of("property", "timestamp", r.timestampColumn() == null ? "ingest time" : r.timestampColumn()));
            rows.add(Row.of(
                    "property",
                    "retention",
                    r.topicSettings().retentionMs() < 0
                            ? "forever"
                            : r.topicSettings().retentionMs() + " ms"));
            Optional<TopicDescription> topic = storage.log().describeTopic(r.topic());
            long records = 0;
            Optional<ChangelogMaterializer> m = storage.materializer(r.oid());
            for (PartitionInfo p : topic.map(TopicDescription::partitions).orElse(List.of())) {
                records += p.highWatermark() - p.logStartOffset();
                String applied = m.map(x -> ", applied to " + x.appliedOffset(p.partition()))
                        .orElse("");
                rows.add(Row.of(
                        "partition",
                        String.valueOf(p.partition()),
                        "offsets " + p.logStartOffset() + ".." + p.highWatermark() + applied + ", " + p.sizeBytes()
                                + " bytes in " + p.segments() + " segment(s)"));
            }
            if (r.kind().isKeyed()) {
                rows.add(Row.of(
                        "statistics",
                        "rows (estimated)",
                        String.valueOf(storage.state().table(r.oid()).estimatedRows())));
            } else {
                rows.add(Row.of("statistics", "events retained", String.valueOf(records)));
            }
            return rows;
        });
    }

    private Relation find(Describe d) {
        return storage.catalog()
                .snapshot()
                .find(Names.of(d.name()))
                .orElseThrow(() -> new SluiceException(
                        SqlState.UNDEFINED_TABLE,
                        "relation \"" + d.name() + "\" does not exist",
                        null,
                        null,
                        d.name().pos().pgPosition(),
                        null));
    }

    StatementPlan showCreate(ShowCreate s) {
        return SessionPlans.rows(List.of(Column.of("create_statement", SqlType.TEXT)), context -> {
            Relation r = storage.catalog()
                    .snapshot()
                    .find(Names.of(s.name()))
                    .orElseThrow(() -> new SluiceException(
                            SqlState.UNDEFINED_TABLE,
                            "relation \"" + s.name() + "\" does not exist",
                            null,
                            null,
                            s.name().pos().pgPosition(),
                            null));
            return List.of(Row.of(r.createSql() + ";"));
        });
    }

    static final List<Column> PRINT_COLUMNS = List.of(
            Column.of("rowtime", SqlType.TIMESTAMP),
            Column.of("partition", SqlType.INT),
            Column.of("offset", SqlType.BIGINT),
            Column.of("op", SqlType.TEXT),
            Column.of("key", SqlType.TEXT),
            Column.of("value", SqlType.TEXT));

    StatementPlan print(Print p) {
        return new StatementPlan() {
            @Override
            public StatementKind kind() {
                return StatementKind.QUERY;
            }

            @Override
            public List<Column> resultColumns() {
                return PRINT_COLUMNS;
            }

            @Override
            public Result execute(
                    SessionState session, Object[] parameters, dev.sluice.pgwire.engine.ExecutionContext context) {
                TopicDescription d = storage.log()
                        .describeTopic(p.topic())
                        .orElseThrow(() -> new SluiceException(
                                SqlState.UNDEFINED_OBJECT,
                                "topic \"" + p.topic() + "\" does not exist",
                                null,
                                "SHOW TOPICS lists the topics",
                                p.pos().pgPosition(),
                                null));
                Relation relation = storage.catalog().snapshot().relations().stream()
                        .filter(r -> r.topic().equals(p.topic()))
                        .findFirst()
                        .orElse(null);
                long limit = p.limit() == null ? Long.MAX_VALUE : p.limit();
                List<PartitionInfo> parts = d.partitions();
                if (p.fromBeginning()) {
                    return Result.Rows.finite(PRINT_COLUMNS, RowSource.of(snapshot(p.topic(), parts, relation, limit)));
                }
                long[] start =
                        parts.stream().mapToLong(PartitionInfo::highWatermark).toArray();
                TopicTail tail = new TopicTail(
                        storage.log(),
                        p.topic(),
                        start,
                        limit,
                        (partition, r) -> render(relation, partition, r),
                        tailExecutor);
                return Result.Rows.unbounded(PRINT_COLUMNS, tail);
            }
        };
    }

    private List<Row> snapshot(String topic, List<PartitionInfo> parts, Relation relation, long limit) {
        List<Row> rows = new ArrayList<>();
        for (PartitionInfo p : parts) {
            long offset = p.logStartOffset();
            while (offset < p.highWatermark() && rows.size() < limit) {
                FetchResult r = storage.log()
                        .fetch(
                                new TopicPartition(topic, p.partition()),
                                offset,
                                1 << 20,
                                IsolationLevel.READ_COMMITTED);
                if (r.isEmpty()) {
                    break;
                }
                for (Record rec : r.records(offset)) {
                    if (rec.offset() >= p.highWatermark() || rows.size() >= limit) {
                        break;
                    }
                    rows.add(render(relation, p.partition(), rec));
                }
                offset = Math.max(offset + 1, r.nextOffset());
            }
        }
        return rows;
    }

    private static Row render(Relation relation, int partition, Record r) {
        LocalDateTime time = LocalDateTime.ofInstant(Instant.ofEpochMilli(r.timestamp()), ZoneOffset.UTC);
        String op = r.changeKind() >= 0 && r.changeKind() <= 3
                ? RowKind.fromByteValue(r.changeKind()).shortString()
                : "?";
        String key = null;
        String value = null;
        byte[] valueBytes = r.valueBytes();
        if (relation != null && valueBytes != null) {
            Row row = RowCodec.decode(relation.schema(), RowKind.INSERT, valueBytes);
            value = Json.object(relation.visibleColumns(), relation.schema(), row);
            if (relation.schema().hasKey() && !relation.hiddenKey()) {
                List<String> parts = new ArrayList<>();
                for (int k : relation.schema().keyIndexes()) {
                    parts.add(String.valueOf(row.get(k)));
                }
                key = String.join(", ", parts);
            }
        } else if (valueBytes != null) {
            value = HexFormat.of().formatHex(valueBytes);
        }
        if (key == null && r.keyBytes() != null) {
            key = "\\x" + HexFormat.of().formatHex(r.keyBytes());
        }
        return Row.of(time, partition, r.offset(), op, key, value);
    }
}
