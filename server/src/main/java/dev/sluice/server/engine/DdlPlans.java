package dev.sluice.server.engine;

import dev.sluice.common.SluiceException;
import dev.sluice.common.SqlState;
import dev.sluice.common.types.Column;
import dev.sluice.common.types.Schema;
import dev.sluice.common.types.SqlType;
import dev.sluice.common.types.TypeKind;
import dev.sluice.pgwire.engine.Result;
import dev.sluice.planner.calcite.PseudoColumn;
import dev.sluice.planner.catalog.QualifiedName;
import dev.sluice.planner.catalog.Relation;
import dev.sluice.planner.catalog.RelationKind;
import dev.sluice.planner.catalog.TopicSettings;
import dev.sluice.server.storage.Storage;
import dev.sluice.sql.SqlFormatter;
import dev.sluice.sql.ast.ColumnDefinition;
import dev.sluice.sql.ast.CreateStream;
import dev.sluice.sql.ast.CreateTable;
import dev.sluice.sql.ast.DropObject;
import dev.sluice.sql.ast.Property;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** CREATE STREAM, CREATE TABLE and DROP: validated completely before anything is created. */
final class DdlPlans {
    static final Set<String> STREAM_OPTIONS =
            Set.of("partitions", "replicas", "timestamp", "key", "retention", "retention_bytes");
    static final Set<String> TABLE_OPTIONS = Set.of("partitions", "replicas", "timestamp");
    private static final Pattern PLAIN_TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    private final Storage storage;

    DdlPlans(Storage storage) {
        this.storage = storage;
    }

    StatementPlan createStream(CreateStream s) {
        if (s.orReplace()) {
            throw SluiceException.notSupported("CREATE OR REPLACE STREAM");
        }
        QualifiedName name = Names.of(s.name());
        WithOptions with = new WithOptions(s.properties(), STREAM_OPTIONS, "CREATE STREAM");
        List<Column> columns = columns(s.columns(), List.of());
        String key = with.stringValue("key");
        for (ColumnDefinition c : s.columns()) {
            if (c.key()) {
                if (key != null && !key.equals(c.name())) {
                    throw new SluiceException(
                            SqlState.INVALID_TABLE_DEFINITION,
                            "a stream has one key column; both \"" + key + "\" and \"" + c.name() + "\" are marked");
                }
                key = c.name();
            }
        }
        String keyColumn = key;
        if (keyColumn != null && columns.stream().noneMatch(c -> c.name().equals(keyColumn))) {
            throw missingColumn(with.property("key"), keyColumn, name);
        }
        Schema schema = key == null ? Schema.of(columns) : Schema.withKey(columns, List.of(key));
        String timestamp = timestampColumn(with, schema, name);
        int partitions = with.intValue("partitions", TopicSettings.DEFAULT_PARTITIONS, 1, TopicSettings.MAX_PARTITIONS);
        int replicas = replicas(with);
        TopicSettings topic = new TopicSettings(
                partitions, replicas, with.durationMillis("retention", -1), retentionBytes(with), false);
        return create(
                s.ifNotExists(),
                name,
                RelationKind.STREAM,
                schema,
                timestamp,
                topic,
                with,
                SqlFormatter.format(s),
                false);
    }

    StatementPlan createTable(CreateTable t) {
        if (t.orReplace()) {
            throw SluiceException.notSupported("CREATE OR REPLACE TABLE");
        }
        QualifiedName name = Names.of(t.name());
        WithOptions with = new WithOptions(t.properties(), TABLE_OPTIONS, "CREATE TABLE");
        List<String> primaryKey = new ArrayList<>(t.primaryKey());
        for (ColumnDefinition c : t.columns()) {
            if (c.primaryKey()) {
                if (!t.primaryKey().isEmpty() || primaryKey.size() > 0) {
                    throw new SluiceException(
                            SqlState.INVALID_TABLE_DEFINITION,
                            "multiple primary keys for table \"" + name.displayName() + "\" are not allowed",
                            null,
                            null,
                            c.pos().pgPosition(),
                            null);
                }
                primaryKey.add(c.name());
            }
        }
        List<Column> columns = columns(t.columns(), primaryKey);
        for (String k : primaryKey) {
            if (columns.stream().noneMatch(c -> c.name().equals(k))) {
                throw new SluiceException(
                        SqlState.UNDEFINED_COLUMN,
                        "column \"" + k + "\" named in key does not exist",
                        null,
                        null,
                        t.pos().pgPosition(),
                        null);
            }
        }
        boolean hidden = primaryKey.isEmpty();
        if (hidden) {
            columns = new ArrayList<>(columns);
            columns.add(Column.notNull(Relation.HIDDEN_ROW_ID, SqlType.BIGINT));
            primaryKey = List.of(Relation.HIDDEN_ROW_ID);
        }
        Schema schema = Schema.withKey(columns, primaryKey);
        for (Column c : schema.keyColumns()) {
            if (c.type().kind() == TypeKind.MAP) {
                throw SluiceException.notSupported("a MAP column in a primary key");
            }
        }
        String timestamp = timestampColumn(with, schema, name);
        int partitions = with.intValue("partitions", TopicSettings.DEFAULT_PARTITIONS, 1, TopicSettings.MAX_PARTITIONS);
        TopicSettings topic = new TopicSettings(partitions, replicas(with), -1, -1, true);
        return create(
                t.ifNotExists(),
                name,
                RelationKind.TABLE,
                schema,
                timestamp,
                topic,
                with,
                SqlFormatter.format(t),
                hidden);
    }

    private StatementPlan create(
            boolean ifNotExists,
            QualifiedName name,
            RelationKind kind,
            Schema schema,
            String timestamp,
            TopicSettings topic,
            WithOptions with,
            String sql,
            boolean hiddenKey) {
        if (!name.schema().equals(QualifiedName.DEFAULT_SCHEMA)) {
            throw new SluiceException(
                    SqlState.INVALID_SCHEMA_NAME,
                    "schema \"" + name.schema() + "\" does not exist",
                    null,
                    "objects live in the schema \"public\"",
                    0,
                    null);
        }
        String tag = "CREATE " + kind.sqlName();
        return (session, parameters, context) -> {
            synchronized (storage) {
                if (!checkCreate(storage, name, ifNotExists, List.of(), context)) {
                    return new Result.Command(tag);
                }
                long oid = storage.catalog().allocateOid();
                Relation relation = new Relation(
                        oid,
                        name,
                        kind,
                        schema,
                        timestamp,
                        topicName(name, oid),
                        topic,
                        with.asStrings(),
                        sql,
                        List.of(),
                        hiddenKey);
                storage.create(relation);
            }
            return new Result.Command(tag);
        };
    }

    StatementPlan drop(DropObject d) {
        RelationKind kind =
                switch (d.kind()) {
                    case STREAM -> RelationKind.STREAM;
                    case TABLE -> RelationKind.TABLE;
                    case MATERIALIZED_VIEW -> RelationKind.MATERIALIZED_VIEW;
                    case SOURCE -> RelationKind.SOURCE;
                    case SINK -> RelationKind.SINK;
                    default ->
                        throw SluiceException.notSupported("DROP " + d.kind().sql());
                };
        List<QualifiedName> names = d.names().stream().map(Names::of).toList();
        String tag = "DROP " + kind.sqlName();
        return (session, parameters, context) -> {
            synchronized (storage) {
                List<Relation> all = new ArrayList<>();
                for (QualifiedName n : names) {
                    for (Relation r : storage.catalog().planDrop(n, kind, d.ifExists(), d.cascade())) {
                        if (!all.contains(r)) {
                            all.add(r);
                        }
                    }
                    if (d.ifExists() && storage.catalog().snapshot().find(n).isEmpty()) {
                        context.notice(dev.sluice.pgwire.engine.Notice.notice(
                                kind.sqlName().toLowerCase(java.util.Locale.ROOT) + " \"" + n.displayName()
                                        + "\" does not exist, skipping",
                                null));
                    }
                }
                storage.drop(all);
            }
            return new Result.Command(tag);
        };
    }

    private static List<Column> columns(List<ColumnDefinition> definitions, List<String> notNullKeys) {
        if (definitions.isEmpty()) {
            throw new SluiceException(SqlState.INVALID_TABLE_DEFINITION, "a stream or table needs at least one column");
        }
        Set<String> seen = new HashSet<>();
        List<Column> out = new ArrayList<>();
        for (ColumnDefinition c : definitions) {
            if (!seen.add(c.name())) {
                throw new SluiceException(
                        SqlState.DUPLICATE_COLUMN,
                        "column \"" + c.name() + "\" specified more than once",
                        null,
                        null,
                        c.pos().pgPosition(),
                        null);
            }
            if (PseudoColumn.isPseudoColumn(c.name()) || c.name().equals(Relation.HIDDEN_ROW_ID)) {
                throw new SluiceException(
                        SqlState.DUPLICATE_COLUMN,
                        "column name \"" + c.name() + "\" is reserved for a system column",
                        null,
                        "choose another name",
                        c.pos().pgPosition(),
                        null);
            }
            SqlType type = c.type()
                    .toSqlType()
                    .orElseThrow(() -> new SluiceException(
                            SqlState.UNDEFINED_OBJECT,
                            "type \"" + SqlFormatter.format(c.type()) + "\" does not exist",
                            null,
                            "use one of BOOLEAN, SMALLINT, INT, BIGINT, REAL, DOUBLE, DECIMAL, VARCHAR, TEXT, BYTEA, DATE, TIME,"
                                    + " TIMESTAMP, TIMESTAMPTZ, INTERVAL, JSONB, ARRAY, MAP, STRUCT",
                            c.type().pos().pgPosition(),
                            null));
            boolean nullable = !c.notNull() && !c.primaryKey() && !notNullKeys.contains(c.name());
            out.add(new Column(c.name(), type, nullable));
        }
        return out;
    }

    private static String timestampColumn(WithOptions with, Schema schema, QualifiedName name) {
        String ts = with.stringValue("timestamp");
        if (ts == null) {
            return null;
        }
        Column c = schema.column(ts).orElseThrow(() -> missingColumn(with.property("timestamp"), ts, name));
        switch (c.type().kind()) {
            case TIMESTAMP, TIMESTAMPTZ, DATE, BIGINT -> {
                return ts;
            }
            default ->
                throw new SluiceException(
                        SqlState.DATATYPE_MISMATCH,
                        "timestamp column \"" + ts + "\" is of type " + c.type().pgDisplayName(),
                        null,
                        "the timestamp column must be TIMESTAMP, TIMESTAMPTZ, DATE or BIGINT (epoch milliseconds)",
                        with.property("timestamp").pos().pgPosition(),
                        null);
        }
    }

    private static int replicas(WithOptions with) {
        int replicas = with.intValue("replicas", 1, 1, 7);
        if (replicas > 1) {
            throw with.error(
                    with.property("replicas"),
                    "replicas = " + replicas + " needs a cluster of at least " + replicas
                            + " nodes; this server runs alone");
        }
        return replicas;
    }

    private static long retentionBytes(WithOptions with) {
        String v = with.stringValue("retention_bytes");
        if (v == null) {
            return -1;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw with.error(
                    with.property("retention_bytes"), "option \"retention_bytes\" needs a whole number of bytes");
        }
    }

    private static SluiceException missingColumn(Property p, String column, QualifiedName relation) {
        return new SluiceException(
                SqlState.UNDEFINED_COLUMN,
                "column \"" + column + "\" does not exist in \"" + relation.displayName() + "\"",
                null,
                null,
                p == null ? 0 : p.pos().pgPosition(),
                null);
    }

    /**
     * Checks that {@code name} can be created (see {@code Catalog#checkCreate}).
     *
     * @return false, after telling the client, when it exists and IF NOT EXISTS asks to skip it
     */
    static boolean checkCreate(
            Storage storage,
            QualifiedName name,
            boolean ifNotExists,
            List<QualifiedName> dependsOn,
            dev.sluice.pgwire.engine.ExecutionContext context) {
        if (storage.catalog().checkCreate(name, ifNotExists, dependsOn)) {
            return true;
        }
        context.notice(dev.sluice.pgwire.engine.Notice.notice(
                "relation \"" + name.displayName() + "\" already exists, skipping", null));
        return false;
    }

    /** The topic of a new relation: its own name where that is a valid topic name, else one from its oid. */
    static String topicName(QualifiedName name, long oid) {
        String candidate =
                name.schema().equals(QualifiedName.DEFAULT_SCHEMA) ? name.name() : name.schema() + "." + name.name();
        return PLAIN_TOPIC.matcher(candidate).matches() && !candidate.startsWith("__") ? candidate : "relation_" + oid;
    }
}
