package dev.sluice.shell;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.postgresql.PGConnection;

/**
 * Runs statements over a pgjdbc connection.
 *
 * <p>Push queries: pgjdbc streams rows only in cursor mode, which needs autocommit off and a fetch
 * size; it then executes the portal with a row limit and asks for more as {@code next()} drains
 * each batch (the server answers a push portal as soon as it has at least one row). Ending the
 * query (cancel or error) aborts the implicit transaction, so it is rolled back and autocommit
 * restored before the next statement.
 *
 * <p>Cancel: {@link PGConnection#cancelQuery()} sends a CancelRequest on a new connection; the
 * blocked {@code next()} then fails with SQLSTATE 57014. Not {@link Statement#cancel()}: pgjdbc
 * ignores it once {@code execute()} has returned (the statement is back to IDLE), which is exactly
 * when a push query's rows are being fetched batch by batch in {@code ResultSet.next()}.
 */
final class JdbcBackend implements Backend {
    private final Connection connection;
    private final AtomicReference<Statement> running = new AtomicReference<>();
    private final JdbcCatalog catalog;

    JdbcBackend(Connection connection) {
        this.connection = connection;
        this.catalog = new JdbcCatalog(connection);
    }

    @Override
    public void execute(String sql, boolean push, int fetchSize, ResultHandler handler) throws SQLException {
        boolean cursorMode = push && connection.getAutoCommit();
        if (cursorMode) {
            connection.setAutoCommit(false);
        }
        try (Statement statement = connection.createStatement()) {
            if (push) {
                statement.setFetchSize(fetchSize);
            }
            running.set(statement);
            boolean isResultSet = statement.execute(sql);
            while (true) {
                if (isResultSet) {
                    try (ResultSet rs = statement.getResultSet()) {
                        readRows(rs, handler);
                    }
                } else {
                    long count = statement.getLargeUpdateCount();
                    if (count == -1) {
                        break;
                    }
                    handler.updated(count);
                }
                isResultSet = statement.getMoreResults();
            }
        } finally {
            running.set(null);
            if (cursorMode) {
                endCursorMode();
            }
        }
    }

    private static void readRows(ResultSet rs, ResultHandler handler) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int n = meta.getColumnCount();
        List<Column> columns = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            columns.add(new Column(meta.getColumnLabel(i), meta.getColumnTypeName(i)));
        }
        handler.columns(columns);
        while (rs.next()) {
            String[] row = new String[n];
            for (int i = 1; i <= n; i++) {
                row[i - 1] = rs.getString(i);
            }
            handler.row(row);
        }
        handler.endRows();
    }

    private void endCursorMode() throws SQLException {
        try {
            connection.rollback();
        } finally {
            connection.setAutoCommit(true);
        }
    }

    @Override
    public void cancel() {
        if (running.get() != null) {
            try {
                connection.unwrap(PGConnection.class).cancelQuery();
            } catch (SQLException e) {
                // nothing to do: the statement ends by itself or the connection is gone
            }
        }
    }

    @Override
    public Catalog catalog() {
        return catalog;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // closing at exit: nothing useful to report
        }
    }
}
