package dev.sluice.planner.calcite;

import dev.sluice.common.Row;
import dev.sluice.common.SluiceException;
import dev.sluice.common.SqlState;
import dev.sluice.common.types.Column;
import dev.sluice.common.types.SqlType;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.runtime.Bindable;

/**
 * A pull query compiled once, run many times (a prepared statement): result columns, parameter
 * types, and the generated code. Thread-safe: each {@link #execute} has its own context.
 */
public final class CompiledQuery {
    private final List<Column> columns;
    private final List<SqlType> parameterTypes;
    private final Bindable<?> bindable;
    private final Map<String, Object> internalParameters;
    private final CalciteSchema root;
    private final String explain;

    CompiledQuery(
            List<Column> columns,
            List<SqlType> parameterTypes,
            Bindable<?> bindable,
            Map<String, Object> internalParameters,
            CalciteSchema root,
            String explain) {
        this.columns = List.copyOf(columns);
        this.parameterTypes = List.copyOf(parameterTypes);
        this.bindable = bindable;
        this.internalParameters = internalParameters;
        this.root = root;
        this.explain = explain;
    }

    public List<Column> columns() {
        return columns;
    }

    /** The type of each {@code $n} / {@code ?}, inferred from where it is used. */
    public List<SqlType> parameterTypes() {
        return parameterTypes;
    }

    /** The physical plan, as {@code EXPLAIN} prints it. */
    public String explain() {
        return explain;
    }

    /**
     * Runs the query. Rows are produced lazily as the iterator advances; setting {@code cancel}
     * stops it with 57014.
     *
     * @param parameters one Sluice Java value per parameter
     */
    public Iterator<Row> execute(Object[] parameters, AtomicBoolean cancel) {
        return execute(parameters, cancel, null);
    }

    /**
     * Runs the query in a session: the catalog functions and system tables ({@code current_user},
     * {@code current_setting}, {@code pg_stat_activity}) read {@code session}.
     */
    public Iterator<Row> execute(
            Object[] parameters, AtomicBoolean cancel, dev.sluice.planner.pgcatalog.SessionContext session) {
        if (parameters.length != parameterTypes.size()) {
            throw new SluiceException(
                    SqlState.PROTOCOL_VIOLATION,
                    "query has " + parameterTypes.size() + " parameters but " + parameters.length + " were given");
        }
        Object[] internal = new Object[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            internal[i] = CalciteValues.toInternal(parameterTypes.get(i), parameters[i]);
        }
        QueryContext context = new QueryContext(root, internalParameters, internal, cancel, session);
        Enumerator<?> enumerator;
        try {
            enumerator = bindable.bind(context).enumerator();
        } catch (RuntimeException | ExceptionInInitializerError e) {
            throw CalciteErrors.runtime(e);
        }
        return new Iterator<>() {
            private Row next;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (next != null) {
                    return true;
                }
                if (done) {
                    return false;
                }
                if (cancel.get()) {
                    enumerator.close();
                    throw new SluiceException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
                }
                try {
                    if (!enumerator.moveNext()) {
                        done = true;
                        enumerator.close();
                        return false;
                    }
                    next = toRow(enumerator.current());
                } catch (RuntimeException | ExceptionInInitializerError e) {
                    done = true;
                    enumerator.close();
                    throw CalciteErrors.runtime(e);
                }
                return true;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Row row = next;
                next = null;
                return row;
            }
        };
    }

    private Row toRow(Object current) {
        Object[] values = columns.size() == 1 && !(current instanceof Object[] a && a.length == 1)
                ? new Object[] {current}
                : (Object[]) current;
        Object[] out = new Object[columns.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = CalciteValues.fromInternal(columns.get(i).type(), values[i]);
        }
        return Row.of(out);
    }
}
