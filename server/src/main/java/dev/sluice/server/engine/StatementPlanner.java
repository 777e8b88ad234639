package dev.sluice.server.engine;

import dev.sluice.common.SluiceException;
import dev.sluice.common.SqlState;
import dev.sluice.pgwire.engine.CopyOptions;
import dev.sluice.pgwire.engine.Result;
import dev.sluice.pgwire.engine.StatementKind;
import dev.sluice.planner.calcite.PullQueryCompiler;
import dev.sluice.server.storage.Storage;
import dev.sluice.sql.ast.BooleanLiteral;
import dev.sluice.sql.ast.CloseCursor;
import dev.sluice.sql.ast.ColumnRef;
import dev.sluice.sql.ast.Copy;
import dev.sluice.sql.ast.CopyDirection;
import dev.sluice.sql.ast.CreateAs;
import dev.sluice.sql.ast.CreateStream;
import dev.sluice.sql.ast.CreateTable;
import dev.sluice.sql.ast.Deallocate;
import dev.sluice.sql.ast.DeclareCursor;
import dev.sluice.sql.ast.Delete;
import dev.sluice.sql.ast.Describe;
import dev.sluice.sql.ast.Discard;
import dev.sluice.sql.ast.DropObject;
import dev.sluice.sql.ast.Explain;
import dev.sluice.sql.ast.Expression;
import dev.sluice.sql.ast.Fetch;
import dev.sluice.sql.ast.Insert;
import dev.sluice.sql.ast.Print;
import dev.sluice.sql.ast.Property;
import dev.sluice.sql.ast.Query;
import dev.sluice.sql.ast.QueryStatement;
import dev.sluice.sql.ast.ResetVariable;
import dev.sluice.sql.ast.SavepointControl;
import dev.sluice.sql.ast.SetTransaction;
import dev.sluice.sql.ast.SetVariable;
import dev.sluice.sql.ast.ShowCreate;
import dev.sluice.sql.ast.ShowObjects;
import dev.sluice.sql.ast.ShowVariable;
import dev.sluice.sql.ast.Statement;
import dev.sluice.sql.ast.StringLiteral;
import dev.sluice.sql.ast.Subscribe;
import dev.sluice.sql.ast.Terminate;
import dev.sluice.sql.ast.TransactionControl;
import dev.sluice.sql.ast.Update;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Dispatches a parsed statement to the planner for its kind. This is the whitelist of what the
 * server runs: a statement kind not named here fails with 0A000 naming it.
 */
final class StatementPlanner {
    private final QueryPlans queries;
    private final DdlPlans ddl;
    private final DmlPlans dml;
    private final CatalogPlans catalog;
    private final ContinuousPlans continuous;
    private final ConnectorPlans connectors;

    StatementPlanner(Storage storage, PullQueryCompiler compiler) {
        ExecutorService tails = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "sluice-tail");
            t.setDaemon(true);
            return t;
        });
        this.queries = new QueryPlans(storage, compiler);
        this.ddl = new DdlPlans(storage);
        this.dml = new DmlPlans(storage, queries);
        this.catalog = new CatalogPlans(storage, tails);
        ExecutorService pushes = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "sluice-push");
            t.setDaemon(true);
            return t;
        });
        this.continuous = new ContinuousPlans(storage, pushes);
        this.connectors = new ConnectorPlans(storage);
    }

    StatementPlan plan(Statement s, String sql, int[] oids) {
        if (s instanceof QueryStatement q) {
            return select(q.query(), sql, oids);
        }
        if (s instanceof Insert i) {
            if (i.query().emit() == dev.sluice.sql.ast.EmitMode.CHANGES) {
                return continuous.insertInto(i, sql);
            }
            return dml.insert(i, sql, oids);
        }
        if (s instanceof Update u) {
            return dml.update(u, sql, oids);
        }
        if (s instanceof Delete d) {
            return dml.delete(d, sql, oids);
        }
        if (s instanceof Copy c) {
            return copy(c, sql);
        }
        if (s instanceof CreateStream c) {
            return ddl.createStream(c);
        }
        if (s instanceof CreateTable c) {
            return ddl.createTable(c);
        }
        if (s instanceof DropObject d) {
            return ddl.drop(d);
        }
        if (s instanceof ShowObjects o) {
            if (o.kind() == dev.sluice.sql.ast.ShowKind.QUERIES) {
                return continuous.showQueries();
            }
            return catalog.show(o);
        }
        if (s instanceof Describe d) {
            return catalog.describe(d);
        }
        if (s instanceof ShowCreate c) {
            return catalog.showCreate(c);
        }
        if (s instanceof Print p) {
            return catalog.print(p);
        }
        if (s instanceof Explain e) {
            if (e.statement() instanceof QueryStatement q) {
                return q.query().emit() != null ? continuous.explain(q.query(), sql) : queries.explain(q.query(), sql);
            }
            if (e.statement() instanceof CreateAs c) {
                return continuous.explain(c.query(), sql);
            }
            if (e.statement() instanceof dev.sluice.sql.ast.CreateSink c) {
                return continuous.explain(
                        c.query() != null ? c.query() : SyntheticQueries.selectAll(c.from(), java.util.List.of()), sql);
            }
            if (e.statement() instanceof Insert i && i.query().emit() == dev.sluice.sql.ast.EmitMode.CHANGES) {
                return continuous.explain(i.query(), sql);
            }
            throw SluiceException.notSupported("EXPLAIN of anything but a query");
        }
        if (s instanceof SetVariable v) {
            return SessionPlans.set(v);
        }
        if (s instanceof ShowVariable v) {
            return SessionPlans.show(v);
        }
        if (s instanceof ResetVariable r) {
            return SessionPlans.reset(r);
        }
        if (s instanceof TransactionControl t) {
            return SessionPlans.transaction(t);
        }
        if (s instanceof SetTransaction) {
            return SessionPlans.command("SET", StatementKind.OTHER);
        }
        if (s instanceof SavepointControl sp) {
            return SessionPlans.command(
                    switch (sp.kind()) {
                        case SAVEPOINT -> "SAVEPOINT";
                        case RELEASE -> "RELEASE";
                        default -> "ROLLBACK";
                    },
                    StatementKind.OTHER);
        }
        if (s instanceof Discard d) {
            return SessionPlans.command("DISCARD " + d.target().toUpperCase(Locale.ROOT), StatementKind.OTHER);
        }
        if (s instanceof Deallocate) {
            return SessionPlans.command("DEALLOCATE", StatementKind.OTHER);
        }
        if (s instanceof DeclareCursor d) {
            return declare(d, sql, oids);
        }
        if (s instanceof Fetch f) {
            return fetch(f);
        }
        if (s instanceof CloseCursor c) {
            return (session, parameters, context) -> new Result.CloseCursor(c.name());
        }
        if (s instanceof CreateAs c) {
            return continuous.createAs(c, sql);
        }
        if (s instanceof Subscribe sub) {
            return continuous.subscribe(sub, sql);
        }
        if (s instanceof dev.sluice.sql.ast.ExplainQuery e) {
            return continuous.explainQuery(e.queryId());
        }
        if (s instanceof Terminate t) {
            return continuous.terminate(t);
        }
        if (s instanceof dev.sluice.sql.ast.CreateSource c) {
            return connectors.createSource(c);
        }
        if (s instanceof dev.sluice.sql.ast.CreateSink c) {
            return connectors.createSink(c, sql);
        }
        throw new SluiceException(
                SqlState.FEATURE_NOT_SUPPORTED,
                ExpressionName.of(s) + " is not supported",
                null,
                null,
                s.pos().pgPosition(),
                null);
    }

    /** A SELECT: a push query with EMIT CHANGES, else a pull query. */
    private StatementPlan select(Query q, String sql, int[] oids) {
        if (q.emit() == dev.sluice.sql.ast.EmitMode.CHANGES) {
            return continuous.push(q, sql, false);
        }
        if (q.emit() != null) {
            throw SluiceException.notSupported("EMIT " + q.emit() + " (it needs a window)");
        }
        return queries.select(q, sql, oids);
    }

    private StatementPlan copy(Copy c, String sql) {
        CopyOptions options = copyOptions(c);
        if (c.direction() == CopyDirection.FROM_STDIN) {
            if (c.query() != null) {
                throw SluiceException.notSupported("COPY (query) FROM");
            }
            return dml.copyIn(c, options);
        }
        Query q = c.query();
        if (q == null) {
            q = SyntheticQueries.selectAll(c.table(), c.columns());
        }
        if (q.emit() != null) {
            return continuous.copyOut(q, sql, options);
        }
        return queries.copyOut(q, sql, options);
    }

    private StatementPlan declare(DeclareCursor d, String sql, int[] oids) {
        if (!(d.query() instanceof QueryStatement q)) {
            throw SluiceException.notSupported("DECLARE CURSOR for anything but a query");
        }
        StatementPlan inner = select(q.query(), sql, oids);
        return new StatementPlan() {
            @Override
            public java.util.List<dev.sluice.common.types.SqlType> parameterTypes() {
                return inner.parameterTypes();
            }

            @Override
            public Result execute(
                    SessionState session, Object[] parameters, dev.sluice.pgwire.engine.ExecutionContext context) {
                return new Result.DeclareCursor(d.name(), (Result.Rows) inner.execute(session, parameters, context));
            }
        };
    }

    private static StatementPlan fetch(Fetch f) {
        long count = f.count() == null ? Long.MAX_VALUE : f.count();
        Duration timeout = null;
        for (Property p : f.properties()) {
            if (p.name().equalsIgnoreCase("timeout")) {
                timeout = Duration.ofMillis(new WithOptions(java.util.List.of(p), java.util.Set.of("timeout"), "FETCH")
                        .durationMillis("timeout", 0));
            } else {
                throw new SluiceException(
                        SqlState.INVALID_PARAMETER_VALUE,
                        "unrecognized FETCH option \"" + p.name() + "\"",
                        null,
                        "the only option is timeout",
                        p.pos().pgPosition(),
                        null);
            }
        }
        Duration finalTimeout = timeout;
        return new StatementPlan() {
            @Override
            public StatementKind kind() {
                return StatementKind.QUERY;
            }

            @Override
            public Result execute(
                    SessionState session, Object[] parameters, dev.sluice.pgwire.engine.ExecutionContext context) {
                return new Result.Fetch(f.cursor(), count, finalTimeout);
            }
        };
    }

    /** COPY's options: FORMAT text|csv|binary, HEADER, DELIMITER, NULL, QUOTE, ESCAPE. */
    private static CopyOptions copyOptions(Copy c) {
        CopyOptions options = CopyOptions.TEXT;
        for (Property p : c.options()) {
            if (p.name().equalsIgnoreCase("format")) {
                String f = text(p).toLowerCase(Locale.ROOT);
                options = switch (f) {
                    case "csv" -> CopyOptions.CSV;
                    case "text" -> CopyOptions.TEXT;
                    case "binary" -> CopyOptions.BINARY;
                    default ->
                        throw new SluiceException(
                                SqlState.INVALID_PARAMETER_VALUE,
                                "COPY format \"" + f + "\" not recognized",
                                null,
                                null,
                                p.pos().pgPosition(),
                                null);
                };
            }
        }
        for (Property p : c.options()) {
            String name = p.name().toLowerCase(Locale.ROOT);
            if (options.format() == CopyOptions.Format.BINARY && !name.equals("format")) {
                // PostgreSQL: "cannot specify DELIMITER in BINARY mode", and the same for the others
                throw new SluiceException(
                        SqlState.SYNTAX_ERROR,
                        "cannot specify " + name.toUpperCase(Locale.ROOT) + " in BINARY mode",
                        null,
                        null,
                        p.pos().pgPosition(),
                        null);
            }
            switch (name) {
                case "format" -> {}
                case "header" ->
                    options = options.withHeader(!text(p).equalsIgnoreCase("false") && !text(p).equals("0"));
                case "delimiter" -> options = options.withDelimiter(single(p));
                case "null" -> options = options.withNullString(text(p));
                case "quote" ->
                    options = new CopyOptions(
                            options.format(),
                            options.delimiter(),
                            options.nullString(),
                            options.header(),
                            single(p),
                            options.escape());
                case "escape" ->
                    options = new CopyOptions(
                            options.format(),
                            options.delimiter(),
                            options.nullString(),
                            options.header(),
                            options.quote(),
                            single(p));
                default ->
                    throw new SluiceException(
                            SqlState.SYNTAX_ERROR,
                            "option \"" + p.name() + "\" not recognized",
                            null,
                            null,
                            p.pos().pgPosition(),
                            null);
            }
        }
        return options;
    }

    private static char single(Property p) {
        String t = text(p);
        if (t.length() != 1 || t.charAt(0) > 0x7f) { // one byte: ASCII, as PostgreSQL requires
            throw new SluiceException(
                    SqlState.INVALID_PARAMETER_VALUE,
                    "COPY " + p.name() + " must be a single one-byte character",
                    null,
                    null,
                    p.pos().pgPosition(),
                    null);
        }
        return t.charAt(0);
    }

    private static String text(Property p) {
        Expression v = p.value();
        if (v == null) {
            return "true";
        }
        if (v instanceof StringLiteral s) {
            return s.value();
        }
        if (v instanceof BooleanLiteral b) {
            return Boolean.toString(b.value());
        }
        if (v instanceof ColumnRef c) {
            return String.join(".", c.parts());
        }
        return dev.sluice.sql.SqlFormatter.format(v);
    }
}
