package dev.sluice.server.engine;

import dev.sluice.common.Row;
import dev.sluice.common.SluiceException;
import dev.sluice.common.types.Column;
import dev.sluice.common.types.SqlType;
import dev.sluice.pgwire.engine.CopyOptions;
import dev.sluice.pgwire.engine.ExecutionContext;
import dev.sluice.pgwire.engine.Result;
import dev.sluice.pgwire.engine.RowSource;
import dev.sluice.pgwire.engine.StatementKind;
import dev.sluice.pgwire.types.PgTypes;
import dev.sluice.planner.calcite.CalciteErrors;
import dev.sluice.planner.calcite.CompiledQuery;
import dev.sluice.planner.calcite.PullQueryCompiler;
import dev.sluice.planner.calcite.SqlToRel;
import dev.sluice.planner.pgcatalog.CatalogView;
import dev.sluice.planner.pgcatalog.SystemTables;
import dev.sluice.planner.sql.QueryConverter;
import dev.sluice.server.storage.Storage;
import dev.sluice.sql.ast.Query;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Pull queries: compiled once per prepared statement against a catalog snapshot, recompiled when the
 * catalog has changed since (a table dropped or created in between), run after the session's own
 * writes are visible.
 */
final class QueryPlans {
    private final Storage storage;
    private final PullQueryCompiler compiler;

    QueryPlans(Storage storage, PullQueryCompiler compiler) {
        this.storage = storage;
        this.compiler = compiler;
    }

    /** A compiled query that notices catalog changes. */
    final class PullQuery {
        private final Query query;
        private final String sql;
        private final int[] declaredOids;
        private volatile CompiledQuery compiled;
        private volatile long catalogVersion;
        /** The search path the query was compiled with (the session's, as far as its schemas exist). */
        private volatile List<String> searchPath = PREPARING_SEARCH_PATH.get();

        PullQuery(Query query, String sql, int[] declaredOids) {
            this.query = query;
            this.sql = sql;
            this.declaredOids = declaredOids;
            compile();
        }

        private void compile() {
            var snapshot = storage.catalog().snapshot();
            List<SqlType> declared = new ArrayList<>();
            for (int oid : declaredOids) {
                declared.add(oid == 0 ? null : PgTypes.sqlTypeOf(oid));
            }
            compiled = compiler.compile(snapshot, new QueryConverter(declared).convert(query), sql, searchPath);
            catalogVersion = snapshot.version();
        }

        List<Column> columns() {
            return compiled.columns();
        }

        /** Parameter types: what the client declared, else what the query implies. */
        List<SqlType> parameterTypes() {
            List<SqlType> inferred = compiled.parameterTypes();
            List<SqlType> out = new ArrayList<>(inferred.size());
            for (int i = 0; i < inferred.size(); i++) {
                SqlType declared =
                        i < declaredOids.length && declaredOids[i] != 0 ? PgTypes.sqlTypeOf(declaredOids[i]) : null;
                out.add(declared != null ? declared : inferred.get(i));
            }
            return out;
        }

        Iterator<Row> run(SessionState session, Object[] parameters) {
            return run(session, parameters, null, true);
        }

        /** For UPDATE and DELETE: they read only their own table, so they need not wait for views. */
        Iterator<Row> runWithoutViewWait(SessionState session, Object[] parameters) {
            return run(session, parameters, null, false);
        }

        Iterator<Row> run(SessionState session, Object[] parameters, ExecutionContext context) {
            return run(session, parameters, context, true);
        }

        /** @param throughViews wait for views derived from this session's writes (read your writes) */
        private Iterator<Row> run(
                SessionState session, Object[] parameters, ExecutionContext context, boolean throughViews) {
            var snapshot = storage.catalog().snapshot();
            List<String> path = searchPath(session, context, snapshot);
            if (snapshot.version() != catalogVersion || !path.equals(searchPath)) {
                searchPath = path;
                compile();
            }
            List<SqlType> types = compiled.parameterTypes();
            Object[] values = new Object[parameters.length];
            for (int i = 0; i < parameters.length; i++) {
                values[i] = i < types.size()
                        ? ValueCoercer.coerce(parameters[i], types.get(i), "parameter $" + (i + 1))
                        : parameters[i];
            }
            session.awaitOwnWrites(throughViews);
            return RuntimeErrors.translating(
                    compiled.execute(values, session.cancelFlag(), session.catalogSession(context)));
        }

        String explain() {
            return compiled.explain();
        }
    }

    /**
     * The search path of the session whose statement is being prepared on this thread: a query is
     * compiled at prepare time (its columns go out in RowDescription), before any execution context
     * exists. Set by {@link SluiceSession#prepare}.
     */
    static final ThreadLocal<List<String>> PREPARING_SEARCH_PATH =
            ThreadLocal.withInitial(() -> SqlToRel.DEFAULT_SEARCH_PATH);

    /**
     * The session's {@code search_path} ({@code SET search_path}), keeping the schemas that exist;
     * PostgreSQL's default {@code "$user", public} comes out as {@code [public]}.
     */
    static List<String> searchPath(
            SessionState session, ExecutionContext context, dev.sluice.planner.catalog.CatalogSnapshot snapshot) {
        if (context == null) {
            return SqlToRel.DEFAULT_SEARCH_PATH;
        }
        return searchPath(session, context.parameter("search_path"), snapshot);
    }

    static List<String> searchPath(
            SessionState session, String setting, dev.sluice.planner.catalog.CatalogSnapshot snapshot) {
        List<String> out = new ArrayList<>();
        for (String schema : CatalogView.searchPath(setting, session.info().user())) {
            if ((snapshot.schemas().contains(schema) || SystemTables.SCHEMAS.contains(schema))
                    && !out.contains(schema)) {
                out.add(schema);
            }
        }
        return out.equals(SqlToRel.DEFAULT_SEARCH_PATH) ? SqlToRel.DEFAULT_SEARCH_PATH : List.copyOf(out);
    }

    StatementPlan select(Query query, String sql, int[] declaredOids) {
        if (query.emit() != null) {
            throw SluiceException.notSupported("a push query (EMIT " + query.emit() + ")")
                    .withHint("continuous queries are not available in this build yet; run the query without EMIT");
        }
        PullQuery pull = new PullQuery(query, sql, declaredOids);
        return new StatementPlan() {
            @Override
            public StatementKind kind() {
                return StatementKind.QUERY;
            }

            @Override
            public List<SqlType> parameterTypes() {
                return pull.parameterTypes();
            }

            @Override
            public List<Column> resultColumns() {
                return pull.columns();
            }

            @Override
            public Result execute(SessionState session, Object[] parameters, ExecutionContext context) {
                return Result.Rows.finite(
                        pull.columns(), RowSource.fromIterator(pull.run(session, parameters, context)));
            }
        };
    }

    StatementPlan copyOut(Query query, String sql, CopyOptions options) {
        PullQuery pull = new PullQuery(query, sql, new int[0]);
        return (session, parameters, context) -> new Result.CopyOut(
                pull.columns(), RowSource.fromIterator(pull.run(session, parameters, context)), options);
    }

    StatementPlan explain(Query query, String sql) {
        PullQuery pull = new PullQuery(query, sql, new int[0]);
        List<Column> columns = List.of(Column.of("QUERY PLAN", SqlType.TEXT));
        return new StatementPlan() {
            @Override
            public List<Column> resultColumns() {
                return columns;
            }

            @Override
            public Result execute(SessionState session, Object[] parameters, ExecutionContext context) {
                List<Row> rows = new ArrayList<>();
                for (String line : pull.explain().split("\n")) {
                    if (!line.isBlank()) {
                        rows.add(Row.of(line));
                    }
                }
                return Result.Rows.finite(columns, RowSource.of(rows));
            }
        };
    }

    /** Maps failures raised while rows are produced (Calcite's generated code) to SQLSTATEs. */
    static final class RuntimeErrors {
        private RuntimeErrors() {}

        static Iterator<Row> translating(Iterator<Row> rows) {
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    try {
                        return rows.hasNext();
                    } catch (RuntimeException e) {
                        throw CalciteErrors.runtime(e);
                    }
                }

                @Override
                public Row next() {
                    try {
                        return rows.next();
                    } catch (RuntimeException e) {
                        throw CalciteErrors.runtime(e);
                    }
                }
            };
        }
    }
}
