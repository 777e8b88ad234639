package dev.sluice.shell;

import java.sql.SQLException;
import java.util.List;

/**
 * Where statements go. {@link JdbcBackend} sends them to a server over pgjdbc; tests use a fake, so
 * that the runner's logic (stop at the first error, print where, stream push rows, cancel) is
 * tested without a server.
 */
interface Backend extends AutoCloseable {
    /**
     * Runs one statement and reports its results to the handler as they come.
     *
     * @param push the result never ends: rows must reach the handler as the server sends them
     *     (pgjdbc cursor mode), not after the statement finishes
     * @throws SQLException the statement failed or was cancelled (SQLSTATE 57014)
     */
    void execute(String sql, boolean push, int fetchSize, ResultHandler handler) throws SQLException;

    /** Cancels the statement that is running, if any. Called from the Ctrl-C handler's thread. */
    void cancel();

    /** The live catalog, for completion and {@code \d}. */
    Catalog catalog();

    @Override
    void close();

    /** Receives the results of one statement, in order. */
    interface ResultHandler {
        /** A result with rows begins. */
        void columns(List<Column> columns);

        /** One row of the current result; values in text form, null for NULL. */
        void row(String[] values);

        /** The current result has no more rows. */
        void endRows();

        /** A result without rows: the count of rows it changed, -1 when it does not say. */
        void updated(long count);
    }
}
