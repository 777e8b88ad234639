package dev.sluice.server.engine;

import dev.sluice.common.SluiceException;
import dev.sluice.common.SqlState;
import dev.sluice.common.types.Column;
import dev.sluice.common.types.Schema;
import dev.sluice.common.types.SqlType;
import dev.sluice.pgwire.engine.Result;
import dev.sluice.planner.catalog.QualifiedName;
import dev.sluice.planner.catalog.Relation;
import dev.sluice.planner.catalog.RelationKind;
import dev.sluice.planner.catalog.TopicSettings;
import dev.sluice.planner.stream.StreamPlan;
import dev.sluice.server.connector.NexmarkSource;
import dev.sluice.server.query.QueryManager;
import dev.sluice.server.storage.Storage;
import dev.sluice.sql.SqlFormatter;
import dev.sluice.sql.ast.ColumnDefinition;
import dev.sluice.sql.ast.CreateSink;
import dev.sluice.sql.ast.CreateSource;
import dev.sluice.sql.ast.Property;
import dev.sluice.sql.ast.Query;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code CREATE SOURCE ... WITH (connector = 'nexmark', ...)} and {@code CREATE SINK ... WITH
 * (connector = 'blackhole') AS SELECT ...} (or {@code FROM name}). A source is a catalog entry only:
 * queries that read it run its generator. A sink is a persistent query whose rows leave Sluice.
 */
final class ConnectorPlans {
    static final Set<String> SINK_OPTIONS = Set.of("connector");

    private final Storage storage;

    ConnectorPlans(Storage storage) {
        this.storage = storage;
    }

    StatementPlan createSource(CreateSource c) {
        String connector = connector(c.properties(), "CREATE SOURCE", NexmarkSource.CONNECTOR);
        if (!connector.equals(NexmarkSource.CONNECTOR)) {
            throw unknownConnector(c.properties(), connector, "source", NexmarkSource.CONNECTOR);
        }
        WithOptions with = new WithOptions(c.properties(), NexmarkSource.OPTIONS, "CREATE SOURCE");
        Map<String, String> options = with.asStrings();
        NexmarkSource source = NexmarkSource.of(options);
        Schema schema = source.table().schema();
        checkDeclaredColumns(c.columns(), schema, source.table().tableName());
        QualifiedName name = Names.of(c.name());
        TopicSettings settings = new TopicSettings(source.config().partitions(), 1, -1, -1, false);
        String createSql = SqlFormatter.format(c);
        return (session, parameters, context) -> {
            synchronized (storage) {
                if (!DdlPlans.checkCreate(storage, name, c.ifNotExists(), List.of(), context)) {
                    return new Result.Command("CREATE SOURCE");
                }
                long oid = storage.catalog().allocateOid();
                storage.create(new Relation(
                        oid,
                        name,
                        RelationKind.SOURCE,
                        schema,
                        "date_time",
                        "",
                        settings,
                        options,
                        createSql,
                        List.of(),
                        false));
            }
            return new Result.Command("CREATE SOURCE");
        };
    }

    /**
     * Columns written in CREATE SOURCE must be the generator's, in its order (they document the
     * source; they cannot change what the generator makes).
     */
    private static void checkDeclaredColumns(List<ColumnDefinition> declared, Schema schema, String table) {
        if (declared.isEmpty()) {
            return;
        }
        String expected = String.join(
                ", ",
                schema.columns().stream()
                        .map(col -> col.name() + " " + col.type().toSql())
                        .toList());
        boolean same = declared.size() == schema.size();
        for (int i = 0; same && i < declared.size(); i++) {
            ColumnDefinition d = declared.get(i);
            Column col = schema.column(i);
            SqlType type = d.type().toSqlType().orElse(null);
            same = d.name().equals(col.name())
                    && type != null
                    && type.kind() == col.type().kind();
        }
        if (!same) {
            throw new SluiceException(
                    SqlState.INVALID_TABLE_DEFINITION,
                    "the columns do not match those of the nexmark " + table + " table",
                    "the generator makes: " + expected,
                    "leave the column list out, or write exactly these columns",
                    declared.get(0).pos().pgPosition(),
                    null);
        }
    }

    StatementPlan createSink(CreateSink c, String sql) {
        QueryManager queries = storage.queries();
        String connector = connector(c.properties(), "CREATE SINK", null);
        if (connector == null) {
            throw new SluiceException(
                    SqlState.INVALID_PARAMETER_VALUE,
                    "CREATE SINK needs WITH (connector = 'blackhole')",
                    null,
                    "the built-in sink connector is blackhole (drops every row; for benchmarks and tests);"
                            + " to write into a stream use INSERT INTO stream SELECT ... EMIT CHANGES",
                    c.pos().pgPosition(),
                    null);
        }
        if (!connector.equals("blackhole")) {
            throw unknownConnector(c.properties(), connector, "sink", "blackhole");
        }
        WithOptions with = new WithOptions(c.properties(), SINK_OPTIONS, "CREATE SINK");
        Query query = c.query() != null ? c.query() : SyntheticQueries.selectAll(c.from(), List.of());
        if (query.emit() != null && query.emit() != dev.sluice.sql.ast.EmitMode.CHANGES) {
            throw SluiceException.notSupported("EMIT " + query.emit() + " (windows with EMIT FINAL)");
        }
        StreamPlan plan = queries.plan(query, sql);
        List<Column> columns = ContinuousPlans.checkColumns(plan.columns());
        QualifiedName name = Names.of(c.name());
        List<QualifiedName> dependsOn =
                plan.sources().stream().map(Relation::name).distinct().toList();
        String createSql = SqlFormatter.format(c);
        return (session, parameters, context) -> {
            synchronized (storage) {
                if (!DdlPlans.checkCreate(storage, name, c.ifNotExists(), dependsOn, context)) {
                    return new Result.Command("CREATE SINK");
                }
                long oid = storage.catalog().allocateOid();
                Relation sink = new Relation(
                        oid,
                        name,
                        RelationKind.SINK,
                        Schema.of(columns),
                        null,
                        "",
                        new TopicSettings(1, 1, -1, -1, false),
                        with.asStrings(),
                        createSql,
                        dependsOn,
                        false);
                queries.create(sink, queries.plan(query, sql), ContinuousPlans.parallelism(context));
            }
            return new Result.Command("CREATE SINK");
        };
    }

    /** The {@code connector} option, lower case; the default when absent. */
    private static String connector(List<Property> properties, String statement, String defaultValue) {
        for (Property p : properties) {
            if (p.name().equalsIgnoreCase("connector")) {
                String v = SqlFormatter.format(p.value()).replace("'", "").trim();
                return v.toLowerCase(Locale.ROOT);
            }
        }
        if (defaultValue == null) {
            return null;
        }
        throw new SluiceException(
                SqlState.INVALID_PARAMETER_VALUE,
                statement + " needs WITH (connector = '" + defaultValue + "', ...)",
                null,
                "the built-in source connector is nexmark, e.g. WITH (connector = 'nexmark', table = 'bid',"
                        + " events = 1000000)",
                0,
                null);
    }

    private static SluiceException unknownConnector(
            List<Property> properties, String connector, String what, String available) {
        int position = properties.stream()
                .filter(p -> p.name().equalsIgnoreCase("connector"))
                .findFirst()
                .map(p -> p.pos().pgPosition())
                .orElse(0);
        return new SluiceException(
                SqlState.FEATURE_NOT_SUPPORTED,
                "there is no " + what + " connector \"" + connector + "\"",
                null,
                "the built-in " + what + " connector is " + available,
                position,
                null);
    }
}
