package dev.sluice.server.engine;

import dev.sluice.common.Row;
import dev.sluice.common.RowKind;
import dev.sluice.common.SluiceException;
import dev.sluice.common.SqlState;
import dev.sluice.common.types.Column;
import dev.sluice.common.types.Schema;
import dev.sluice.common.types.SqlType;
import dev.sluice.pgwire.engine.CopyOptions;
import dev.sluice.pgwire.engine.CopyRecordSink;
import dev.sluice.pgwire.engine.CopySink;
import dev.sluice.pgwire.engine.ExecutionContext;
import dev.sluice.pgwire.engine.Result;
import dev.sluice.planner.catalog.Relation;
import dev.sluice.planner.catalog.RelationKind;
import dev.sluice.server.storage.RowWriter;
import dev.sluice.server.storage.Storage;
import dev.sluice.sql.ast.BuiltinType;
import dev.sluice.sql.ast.Cast;
import dev.sluice.sql.ast.ColumnRef;
import dev.sluice.sql.ast.Delete;
import dev.sluice.sql.ast.Expression;
import dev.sluice.sql.ast.Insert;
import dev.sluice.sql.ast.Query;
import dev.sluice.sql.ast.QuerySpecification;
import dev.sluice.sql.ast.SelectItem;
import dev.sluice.sql.ast.SingleColumn;
import dev.sluice.sql.ast.SourcePos;
import dev.sluice.sql.ast.Table;
import dev.sluice.sql.ast.Update;
import dev.sluice.sql.ast.Values;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * INSERT, UPDATE, DELETE and COPY FROM. Every row is checked (types, NOT NULL) before anything is
 * written, and a statement's rows become visible all together: rows that land in one partition are
 * one batch; rows spread over several partitions are written in a log transaction.
 *
 * <p>Values are computed by Calcite where they are expressions ({@code now()}, {@code $1 + 1}); an
 * INSERT whose values are all literals and parameters, the common case for ingest, skips Calcite.
 */
final class DmlPlans {
    private final Storage storage;
    private final QueryPlans queries;

    DmlPlans(Storage storage, QueryPlans queries) {
        this.storage = storage;
        this.queries = queries;
    }

    // ------------------------------------------------------------------------------------ INSERT

    StatementPlan insert(Insert insert, String sql, int[] declaredOids) {
        Relation relation = relation(insert.target(), "INSERT into");
        List<Integer> targets = targetColumns(relation, insert.columns(), insert);
        Query q = insert.query();
        if (q.emit() != null) {
            throw SluiceException.notSupported("INSERT ... EMIT " + q.emit())
                    .withHint("INSERT INTO stream SELECT ... EMIT CHANGES starts a persistent insert; without EMIT"
                            + " the INSERT runs once");
        }
        if (q.body() instanceof Values values && q.with() == null && q.orderBy().isEmpty() && q.limit() == null) {
            for (List<Expression> row : values.rows()) {
                if (row.size() != targets.size()) {
                    throw new SluiceException(
                            SqlState.SYNTAX_ERROR,
                            "INSERT has " + (row.size() > targets.size() ? "more" : "fewer")
                                    + " expressions than target columns",
                            null,
                            null,
                            (row.isEmpty() ? values.pos() : row.get(0).pos()).pgPosition(),
                            null);
                }
            }
            if (LiteralValues.allSimple(values)) {
                List<SqlType> paramTypes =
                        LiteralValues.parameterTypes(values, targets, relation.schema(), declaredOids);
                Body body = (session, parameters, context) -> {
                    List<Row> rows = new ArrayList<>();
                    for (List<Expression> row : values.rows()) {
                        Object[] full = new Object[relation.schema().size()];
                        for (int i = 0; i < targets.size(); i++) {
                            Column c = relation.schema().column(targets.get(i));
                            full[targets.get(i)] = coerceAt(row.get(i), LiteralValues.value(row.get(i), parameters), c);
                        }
                        rows.add(complete(relation, full));
                    }
                    if (context.mayDeferWrites()) {
                        // Checked and acknowledged now, written with the pipeline's other INSERTs.
                        session.deferredWrites().add(relation, rows, (r, all) -> write(session, r, all, ""));
                        return new Result.Command("INSERT 0 " + rows.size());
                    }
                    session.deferredWrites().complete();
                    return write(session, relation, rows, "INSERT 0 ");
                };
                return new StatementPlan() {
                    @Override
                    public List<SqlType> parameterTypes() {
                        return paramTypes;
                    }

                    @Override
                    public boolean defersWrites() {
                        return true;
                    }

                    @Override
                    public Result execute(SessionState session, Object[] parameters, ExecutionContext context) {
                        return body.run(session, parameters, context);
                    }
                };
            }
            // Expressions: let Calcite compute VALUES (CAST(e AS column type), ...).
            List<List<Expression>> casted = new ArrayList<>();
            for (List<Expression> row : values.rows()) {
                List<Expression> out = new ArrayList<>();
                for (int i = 0; i < targets.size(); i++) {
                    out.add(castTo(
                            row.get(i), relation.schema().column(targets.get(i)).type()));
                }
                casted.add(out);
            }
            q = new Query(q.pos(), null, new Values(values.pos(), casted), List.of(), null, null, null);
        }
        QueryPlans.PullQuery source = queries.new PullQuery(q, sql, declaredOids);
        if (source.columns().size() != targets.size()) {
            throw new SluiceException(
                    SqlState.SYNTAX_ERROR,
                    "INSERT has " + (source.columns().size() > targets.size() ? "more" : "fewer")
                            + " expressions than target columns",
                    null,
                    null,
                    q.pos().pgPosition(),
                    null);
        }
        return plan(source.parameterTypes(), (session, parameters, context) -> {
            List<Row> rows = new ArrayList<>();
            for (Iterator<Row> it = source.run(session, parameters); it.hasNext(); ) {
                Row r = it.next();
                Object[] full = new Object[relation.schema().size()];
                for (int i = 0; i < targets.size(); i++) {
                    Column c = relation.schema().column(targets.get(i));
                    full[targets.get(i)] = ValueCoercer.coerce(r.get(i), c.type(), "column \"" + c.name() + "\"");
                }
                rows.add(complete(relation, full));
                checkCancelled(session);
            }
            return write(session, relation, rows, "INSERT 0 ");
        });
    }

    // ------------------------------------------------------------------------------ UPDATE, DELETE

    StatementPlan update(Update update, String sql, int[] declaredOids) {
        Relation relation = relation(update.target(), "UPDATE");
        requireTable(relation, "UPDATE");
        Schema schema = relation.schema();
        Expression[] assigned = new Expression[schema.size()];
        for (var a : update.assignments()) {
            int index = schema.indexOf(a.column())
                    .filter(i -> !schema.column(i).name().equals(Relation.HIDDEN_ROW_ID))
                    .orElseThrow(() -> new SluiceException(
                            SqlState.UNDEFINED_COLUMN,
                            "column \"" + a.column() + "\" of relation \""
                                    + relation.name().displayName() + "\" does not exist",
                            null,
                            null,
                            a.pos().pgPosition(),
                            null));
            if (assigned[index] != null) {
                throw new SluiceException(
                        SqlState.SYNTAX_ERROR,
                        "multiple assignments to same column \"" + a.column() + "\"",
                        null,
                        null,
                        a.pos().pgPosition(),
                        null);
            }
            assigned[index] = a.value();
        }
        // SELECT <new value of every column>, <old key columns> FROM t WHERE ...
        List<SelectItem> items = new ArrayList<>();
        for (int i = 0; i < schema.size(); i++) {
            Column c = schema.column(i);
            Expression value = assigned[i] == null ? column(update.alias(), c.name()) : castTo(assigned[i], c.type());
            items.add(new SingleColumn(SourcePos.UNKNOWN, value, null));
        }
        for (int k : schema.keyIndexes()) {
            items.add(new SingleColumn(
                    SourcePos.UNKNOWN, column(update.alias(), schema.column(k).name()), null));
        }
        QueryPlans.PullQuery source = queries
        .new PullQuery(select(update.target(), update.alias(), items, update.where()), sql, declaredOids);
        int[] keys = schema.keyIndexes();
        // Columns the UPDATE does not assign keep their stored value exactly: read through Calcite
        // they would lose microseconds (TIME, TIMESTAMP) or months (INTERVAL), see CalciteValues.
        List<Integer> keepStored = new ArrayList<>();
        for (int i = 0; i < schema.size(); i++) {
            if (assigned[i] == null && narrowedByCalcite(schema.column(i).type())) {
                keepStored.add(i);
            }
        }
        return plan(source.parameterTypes(), (session, parameters, context) -> {
            List<Row> rows = new ArrayList<>();
            int count = 0;
            for (Iterator<Row> it = source.runWithoutViewWait(session, parameters); it.hasNext(); ) {
                Row r = it.next();
                Object[] full = new Object[schema.size()];
                for (int i = 0; i < schema.size(); i++) {
                    Column c = schema.column(i);
                    full[i] = ValueCoercer.coerce(r.get(i), c.type(), "column \"" + c.name() + "\"");
                }
                Object[] oldKey = new Object[schema.size()];
                boolean keyChanged = false;
                for (int k = 0; k < keys.length; k++) {
                    oldKey[keys[k]] = r.get(schema.size() + k);
                    keyChanged |= !java.util.Objects.equals(oldKey[keys[k]], full[keys[k]]);
                }
                if (!keepStored.isEmpty()) {
                    Object[] key = new Object[keys.length];
                    for (int k = 0; k < keys.length; k++) {
                        key[k] = oldKey[keys[k]];
                    }
                    var stored = storage.reader().lookup(relation, key);
                    if (stored.isPresent()) {
                        for (int i : keepStored) {
                            full[i] = stored.get().row().get(i);
                        }
                    }
                }
                if (keyChanged) {
                    rows.add(Row.ofKind(RowKind.DELETE, oldKey));
                }
                rows.add(checkNotNull(relation, Row.of(full)));
                count++;
                checkCancelled(session);
            }
            write(session, relation, rows, "");
            return new Result.Command("UPDATE " + count);
        });
    }

    StatementPlan delete(Delete delete, String sql, int[] declaredOids) {
        Relation relation = relation(delete.target(), "DELETE from");
        requireTable(relation, "DELETE");
        Schema schema = relation.schema();
        List<SelectItem> items = new ArrayList<>();
        for (int k : schema.keyIndexes()) {
            items.add(new SingleColumn(
                    SourcePos.UNKNOWN, column(delete.alias(), schema.column(k).name()), null));
        }
        QueryPlans.PullQuery source = queries
        .new PullQuery(select(delete.target(), delete.alias(), items, delete.where()), sql, declaredOids);
        int[] keys = schema.keyIndexes();
        return plan(source.parameterTypes(), (session, parameters, context) -> {
            List<Row> rows = new ArrayList<>();
            for (Iterator<Row> it = source.runWithoutViewWait(session, parameters); it.hasNext(); ) {
                Row r = it.next();
                Object[] key = new Object[schema.size()];
                for (int k = 0; k < keys.length; k++) {
                    key[keys[k]] = r.get(k);
                }
                rows.add(Row.ofKind(RowKind.DELETE, key));
                checkCancelled(session);
            }
            write(session, relation, rows, "");
            return new Result.Command("DELETE " + rows.size());
        });
    }

    // ------------------------------------------------------------------------------------ COPY FROM

    StatementPlan copyIn(dev.sluice.sql.ast.Copy copy, CopyOptions options) {
        Relation relation = relation(copy.table(), "COPY into");
        List<Integer> targets = targetColumns(relation, copy.columns(), copy);
        List<Column> columns = targets.stream().map(relation.schema()::column).toList();
        return (session, parameters, context) -> new Result.CopyIn(columns, options, new CopySink() {
            private RowWriter.Transaction txn;
            private CopyIngest ingest;
            private long rows;

            @Override
            public CopyRecordSink recordSink(ZoneId zone) {
                ingest = new CopyIngest(
                        relation,
                        targets,
                        storage.writer(),
                        () -> storage.writer().begin("copy-" + session.info().processId()),
                        zone);
                return ingest;
            }

            @Override
            public void write(List<Row> batch) {
                List<Row> full = new ArrayList<>(batch.size());
                for (Row r : batch) {
                    Object[] values = new Object[relation.schema().size()];
                    for (int i = 0; i < targets.size(); i++) {
                        values[targets.get(i)] = r.get(i);
                    }
                    full.add(complete(relation, values));
                }
                if (txn == null) {
                    txn = storage.writer().begin("copy-" + session.info().processId());
                }
                RowWriter.Written w = txn.write(relation, full);
                session.recordWrite(relation.oid(), w.nextOffsets());
                rows += full.size();
            }

            @Override
            public long finish() {
                if (ingest != null) {
                    RowWriter.Written w = ingest.flush();
                    txn = ingest.transaction();
                    session.recordWrite(relation.oid(), w.nextOffsets());
                    rows = ingest.rows();
                }
                if (txn != null) {
                    txn.commit();
                }
                return rows;
            }

            @Override
            public void abort(Throwable cause) {
                if (ingest != null) {
                    txn = ingest.transaction();
                }
                if (txn != null) {
                    txn.abort();
                }
            }
        });
    }

    // ------------------------------------------------------------------------------------- helpers

    private Result write(SessionState session, Relation relation, List<Row> rows, String tagPrefix) {
        if (!rows.isEmpty()) {
            // Re-check against the catalog as it is now: the relation may be gone since planning.
            Relation current =
                    storage.catalog().snapshot().find(relation.name()).orElse(null);
            if (current == null || current.oid() != relation.oid()) {
                throw new SluiceException(
                        SqlState.UNDEFINED_TABLE,
                        "relation \"" + relation.name().displayName() + "\" was dropped");
            }
            RowWriter.Written w = storage.writer()
                    .writeAtomically(relation, rows, "dml-" + session.info().processId());
            session.recordWrite(relation.oid(), w.nextOffsets());
        }
        return new Result.Command(tagPrefix + rows.size());
    }

    /** Fills the hidden row id and checks NOT NULL. */
    private static Row complete(Relation relation, Object[] values) {
        if (relation.hiddenKey()) {
            int id = relation.schema().indexOf(Relation.HIDDEN_ROW_ID).orElseThrow();
            values[id] = ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;
        }
        return checkNotNull(relation, Row.of(values));
    }

    static Row checkNotNull(Relation relation, Row row) {
        for (int i = 0; i < row.arity(); i++) {
            Column c = relation.schema().column(i);
            if (row.get(i) == null && !c.nullable()) {
                throw new SluiceException(
                        SqlState.NOT_NULL_VIOLATION,
                        "null value in column \"" + c.name() + "\" of relation \""
                                + relation.name().displayName() + "\" violates not-null constraint",
                        "Failing row contains " + visible(relation, row) + ".",
                        null,
                        0,
                        null);
            }
        }
        return row;
    }

    private static String visible(Relation relation, Row row) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < row.arity(); i++) {
            if (!relation.schema().column(i).name().equals(Relation.HIDDEN_ROW_ID)) {
                parts.add(row.get(i) == null ? "null" : String.valueOf(row.get(i)));
            }
        }
        return "(" + String.join(", ", parts) + ")";
    }

    private Relation relation(dev.sluice.sql.ast.QualifiedName name, String action) {
        Relation relation = storage.catalog()
                .snapshot()
                .find(Names.of(name))
                .orElseThrow(() -> new SluiceException(
                        SqlState.UNDEFINED_TABLE,
                        "relation \"" + name + "\" does not exist",
                        null,
                        null,
                        name.pos().pgPosition(),
                        null));
        if (relation.kind() != RelationKind.STREAM && relation.kind() != RelationKind.TABLE) {
            // Views, sources and sinks get their rows from their query or connector, not from clients.
            throw new SluiceException(
                    SqlState.WRONG_OBJECT_TYPE,
                    "cannot " + action + " " + relation.kind().sqlName().toLowerCase(java.util.Locale.ROOT) + " \""
                            + relation.name().displayName() + "\"",
                    "its rows come from its " + (relation.kind() == RelationKind.SOURCE ? "connector" : "query"),
                    "write into the streams and tables it reads",
                    name.pos().pgPosition(),
                    null);
        }
        return relation;
    }

    private static void requireTable(Relation relation, String action) {
        if (relation.kind() != RelationKind.TABLE) {
            throw new SluiceException(
                    SqlState.WRONG_OBJECT_TYPE,
                    "cannot " + action + " " + relation.kind().sqlName().toLowerCase(java.util.Locale.ROOT) + " \""
                            + relation.name().displayName() + "\"",
                    relation.kind() == RelationKind.STREAM
                            ? "Streams are append-only: events are never changed."
                            : null,
                    relation.kind() == RelationKind.STREAM ? "model changing data as a TABLE with a PRIMARY KEY" : null,
                    0,
                    null);
        }
    }

    /** The column indexes an INSERT names (all visible columns when none), 42703/42701 when wrong. */
    static List<Integer> targetColumns(Relation relation, List<String> names, dev.sluice.sql.ast.Node at) {
        List<Integer> out = new ArrayList<>();
        if (names.isEmpty()) {
            for (int i = 0; i < relation.schema().size(); i++) {
                if (!relation.schema().column(i).name().equals(Relation.HIDDEN_ROW_ID)) {
                    out.add(i);
                }
            }
            return out;
        }
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            if (!seen.add(n)) {
                throw new SluiceException(
                        SqlState.DUPLICATE_COLUMN,
                        "column \"" + n + "\" specified more than once",
                        null,
                        null,
                        at.pos().pgPosition(),
                        null);
            }
            int index = relation.schema()
                    .indexOf(n)
                    .filter(i -> !n.equals(Relation.HIDDEN_ROW_ID))
                    .orElseThrow(() -> new SluiceException(
                            SqlState.UNDEFINED_COLUMN,
                            "column \"" + n + "\" of relation \""
                                    + relation.name().displayName() + "\" does not exist",
                            null,
                            null,
                            at.pos().pgPosition(),
                            null));
            out.add(index);
        }
        return out;
    }

    /**
     * Assigns a literal's or parameter's value to a column; a literal that is no valid input of the
     * column's type is reported at the literal, as PostgreSQL does (a parameter has no position).
     */
    private static Object coerceAt(Expression e, Object value, Column c) {
        try {
            return ValueCoercer.coerce(value, c.type(), "column \"" + c.name() + "\"");
        } catch (SluiceException ex) {
            if (e instanceof dev.sluice.sql.ast.Parameter || ex.position().isPresent()) {
                throw ex;
            }
            throw ex.withPosition(e.pos().pgPosition());
        }
    }

    /** Whether Calcite's internal representation of {@code type} is narrower than Sluice's. */
    private static boolean narrowedByCalcite(SqlType type) {
        return switch (type.kind()) {
            case TIME, TIMESTAMP, TIMESTAMPTZ, INTERVAL -> true;
            case ARRAY, MAP ->
                narrowedByCalcite(type.element()) || (type.key() != null && narrowedByCalcite(type.key()));
            case STRUCT -> type.fields().stream().anyMatch(f -> narrowedByCalcite(f.type()));
            default -> false;
        };
    }

    private static Expression castTo(Expression e, SqlType type) {
        if (type.kind() == dev.sluice.common.types.TypeKind.INTERVAL
                && e instanceof dev.sluice.sql.ast.IntervalLiteral) {
            // Already an interval; Calcite cannot cast a year-month one to its day-time type, and the
            // value is made a Sluice INTERVAL when it is assigned.
            return e;
        }
        return new Cast(e.pos(), e, new BuiltinType(SourcePos.UNKNOWN, type));
    }

    private static ColumnRef column(String alias, String name) {
        return new ColumnRef(SourcePos.UNKNOWN, alias == null ? List.of(name) : List.of(alias, name));
    }

    private static Query select(
            dev.sluice.sql.ast.QualifiedName table, String alias, List<SelectItem> items, Expression where) {
        dev.sluice.sql.ast.Relation from = new Table(table.pos(), table);
        if (alias != null) {
            from = new dev.sluice.sql.ast.AliasedRelation(table.pos(), from, alias, List.of());
        }
        QuerySpecification spec = new QuerySpecification(
                SourcePos.UNKNOWN, false, List.of(), items, List.of(from), null, where, List.of(), null);
        return new Query(SourcePos.UNKNOWN, null, spec, List.of(), null, null, null);
    }

    private static void checkCancelled(SessionState session) {
        if (session.cancelFlag().get()) {
            throw new SluiceException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
        }
    }

    private interface Body {
        Result run(SessionState session, Object[] parameters, ExecutionContext context);
    }

    private static StatementPlan plan(List<SqlType> parameterTypes, Body body) {
        return new StatementPlan() {
            @Override
            public List<SqlType> parameterTypes() {
                return parameterTypes;
            }

            @Override
            public Result execute(SessionState session, Object[] parameters, ExecutionContext context) {
                return body.run(session, parameters, context);
            }
        };
    }
}
