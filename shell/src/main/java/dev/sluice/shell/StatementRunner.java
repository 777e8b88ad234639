package dev.sluice.shell;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends statements to the server and prints what comes back. Holds the statement that is running so
 * that Ctrl-C can cancel it from another thread.
 */
final class StatementRunner {
    private final Connection connection;
    private final ResultPrinter printer;
    private final PrintStream err;
    private final AtomicReference<Statement> running = new AtomicReference<>();

    StatementRunner(Connection connection, ResultPrinter printer, PrintStream err) {
        this.connection = connection;
        this.printer = printer;
        this.err = err;
    }

    /**
     * Runs a script (one or more statements separated by {@code ;}); the server runs them in order
     * and stops at the first error.
     *
     * @return true if every statement succeeded
     */
    boolean runScript(String sql, String source) {
        if (sql.isBlank()) {
            return true;
        }
        try (Statement statement = connection.createStatement()) {
            running.set(statement);
            boolean isResultSet = statement.execute(sql);
            while (true) {
                if (isResultSet) {
                    try (ResultSet rs = statement.getResultSet()) {
                        printer.print(rs);
                    }
                } else {
                    int count = statement.getUpdateCount();
                    if (count == -1) {
                        break;
                    }
                }
                isResultSet = statement.getMoreResults();
            }
            return true;
        } catch (SQLException e) {
            printError(e, source);
            return false;
        } finally {
            running.set(null);
        }
    }

    private void printError(SQLException e, String source) {
        String state = e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")";
        err.println("ERROR" + state + " in " + source + ": " + e.getMessage());
    }

    /** Cancels the running statement, if any; called from the Ctrl-C handler. */
    void cancelRunning() {
        Statement statement = running.get();
        if (statement != null) {
            try {
                statement.cancel();
            } catch (SQLException e) {
                err.println("could not cancel: " + e.getMessage());
            }
        }
    }
}
