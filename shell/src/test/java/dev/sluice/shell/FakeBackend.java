package dev.sluice.shell;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * A {@link Backend} with scripted answers: a statement text maps to rows, an update count or a
 * server error (a real {@link PSQLException} with a parsed {@link ServerErrorMessage}, so error
 * rendering sees what pgjdbc would give). Unknown statements fail with 42601 at position 1.
 */
final class FakeBackend implements Backend {
    /** What one statement answers. */
    record Answer(List<Column> columns, List<String[]> rows, long updateCount, SQLException error, boolean endless) {}

    final Map<String, Answer> answers = new LinkedHashMap<>();
    final List<String> executed = new ArrayList<>();
    final List<Boolean> pushFlags = new ArrayList<>();
    final FakeCatalog catalog = new FakeCatalog();
    volatile boolean cancelled;
    final CountDownLatch streaming = new CountDownLatch(1);

    FakeBackend rows(String sql, List<Column> columns, String[]... rows) {
        answers.put(sql, new Answer(columns, List.of(rows), -1, null, false));
        return this;
    }

    FakeBackend update(String sql, long count) {
        answers.put(sql, new Answer(null, null, count, null, false));
        return this;
    }

    FakeBackend error(String sql, String state, String message, int position, String hint) {
        answers.put(sql, new Answer(null, null, -1, serverError(state, message, position, hint), false));
        return this;
    }

    /** Sends the rows, then blocks until {@link #cancel()} and fails with 57014, as a push query does. */
    FakeBackend endless(String sql, List<Column> columns, String[]... rows) {
        answers.put(sql, new Answer(columns, List.of(rows), -1, null, true));
        return this;
    }

    static PSQLException serverError(String state, String message, int position, String hint) {
        StringBuilder fields = new StringBuilder("SERROR\0VERROR\0C" + state + "\0M" + message + "\0");
        if (position > 0) {
            fields.append("P").append(position).append('\0');
        }
        if (hint != null) {
            fields.append("H").append(hint).append('\0');
        }
        return new PSQLException(new ServerErrorMessage(fields.toString()));
    }

    @Override
    public void execute(String sql, boolean push, int fetchSize, ResultHandler handler) throws SQLException {
        executed.add(sql);
        pushFlags.add(push);
        Answer a = answers.get(sql);
        if (a == null) {
            throw serverError("42601", "syntax error at or near \"" + sql.split("\\s+")[0] + "\"", 1, null);
        }
        if (a.error() != null) {
            throw a.error();
        }
        if (a.columns() == null) {
            handler.updated(a.updateCount());
            return;
        }
        handler.columns(a.columns());
        for (String[] row : a.rows()) {
            handler.row(row);
        }
        if (a.endless()) {
            streaming.countDown();
            while (!cancelled) {
                Thread.onSpinWait();
            }
            throw serverError("57014", "canceling statement due to user request", 0, null);
        }
        handler.endRows();
    }

    @Override
    public void cancel() {
        cancelled = true;
    }

    @Override
    public Catalog catalog() {
        return catalog;
    }

    @Override
    public void close() {}

    /** A catalog held in lists. */
    static final class FakeCatalog implements Catalog {
        final List<Relation> relations = new ArrayList<>();
        final Map<String, List<Column>> columns = new LinkedHashMap<>();
        int loads;

        FakeCatalog add(String name, String kind, Column... cols) {
            relations.add(new Relation("public", name, kind));
            columns.put(name, List.of(cols));
            return this;
        }

        @Override
        public List<Relation> relations() {
            loads++;
            return List.copyOf(relations);
        }

        @Override
        public List<Column> columns(String relation) {
            return columns.getOrDefault(relation.toLowerCase(java.util.Locale.ROOT), List.of());
        }
    }
}
