package dev.sluice.shell;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Runs shell input one item at a time: SQL statements go to the {@link Backend}, meta-commands to
 * {@link MetaCommands}. A script (from {@code -c}, {@code -f}, a pipe, {@code \i}, or one
 * interactive entry holding several statements) stops at the first failure and says where.
 *
 * <p>Finite results are collected and printed as one aligned table; push query rows are printed as
 * they arrive ({@link StreamPrinter}) with a status line, until the server ends the query or the user
 * cancels it with Ctrl-C ({@link #cancel()}), which for a push query is the normal way to stop, not
 * an error.
 */
final class StatementRunner {
    /** How an item or script ended. */
    enum Outcome {
        OK,
        FAILED,
        /** {@code \q}: the shell should exit. */
        QUIT
    }

    private static final Set<String> COUNTED_TAGS = Set.of("INSERT", "UPDATE", "DELETE", "COPY", "MERGE");
    private static final String QUERY_CANCELED = "57014";

    private final Backend backend;
    private final ShellSettings settings;
    private final ShellIo io;
    private final Runnable onCatalogChange;
    private final MetaCommands meta;
    private volatile boolean cancelRequested;

    StatementRunner(Backend backend, ShellSettings settings, ShellIo io, Runnable onCatalogChange) {
        this.backend = backend;
        this.settings = settings;
        this.io = io;
        this.onCatalogChange = onCatalogChange;
        this.meta = new MetaCommands(this, backend, settings, io);
    }

    /**
     * Runs every statement and meta-command of the text in order, stopping at the first failure.
     *
     * @param source the name used in error locations ({@code file.sql}, {@code -c}); null in
     *     interactive use, where errors show the statement's own line numbers
     */
    Outcome runScript(String text, String source) {
        for (ScriptItem item : ScriptSplitter.split(text)) {
            Outcome outcome = run(item, source);
            if (outcome != Outcome.OK) {
                return outcome;
            }
        }
        return Outcome.OK;
    }

    Outcome run(ScriptItem item, String source) {
        if (item.isMeta()) {
            return meta.run(MetaCommand.parse(item.text()), item, source);
        }
        if (item.text().isEmpty()) {
            return Outcome.OK;
        }
        return execute(item, source);
    }

    ShellSettings settings() {
        return settings;
    }

    /** Cancels the running statement; the Ctrl-C handler calls this from its own thread. */
    void cancel() {
        cancelRequested = true;
        backend.cancel();
    }

    private Outcome execute(ScriptItem item, String source) {
        StatementKind kind = StatementKind.of(item.text());
        cancelRequested = false;
        long start = System.nanoTime();
        Collector collector = new Collector(kind, start);
        Outcome outcome;
        try {
            backend.execute(item.text(), kind.push(), settings.fetchSize, collector);
            collector.finishPush(false);
            outcome = Outcome.OK;
        } catch (SQLException e) {
            boolean stoppedByUser = cancelRequested && QUERY_CANCELED.equals(e.getSQLState());
            if (kind.push() && stoppedByUser) {
                collector.finishPush(true);
                outcome = Outcome.OK;
            } else {
                collector.finishPush(false);
                io.err.print(ErrorRenderer.render(
                        ErrorRenderer.ErrorInfo.of(e),
                        item.text(),
                        source,
                        source == null ? 1 : item.line(),
                        io.style));
                io.err.flush();
                outcome = Outcome.FAILED;
            }
        }
        if (kind.changesCatalog()) {
            onCatalogChange.run();
        }
        if (settings.timing) {
            io.out().printf(Locale.ROOT, "Time: %.3f ms%n", (System.nanoTime() - start) / 1e6);
        }
        io.out().flush();
        return outcome;
    }

    /** Receives one statement's results and prints them the way the statement kind needs. */
    private final class Collector implements Backend.ResultHandler {
        private final StatementKind kind;
        private final long start;
        private List<Column> columns;
        private List<String[]> rows;
        private StreamPrinter stream;
        private PushStatus status;

        Collector(StatementKind kind, long start) {
            this.kind = kind;
            this.start = start;
        }

        @Override
        public void columns(List<Column> resultColumns) {
            if (kind.push()) {
                stream = new StreamPrinter(settings, io.outStyle(), io.out());
                stream.start(resultColumns);
                status = io.redirected() ? PushStatus.NOOP : io.status.start();
            } else {
                columns = resultColumns;
                rows = new ArrayList<>();
            }
        }

        @Override
        public void row(String[] values) {
            if (stream != null) {
                stream.row(values);
                status.update(stream.rows(), System.nanoTime() - start);
            } else {
                rows.add(values);
            }
        }

        @Override
        public void endRows() {
            if (stream == null) {
                ResultPrinter printer = new ResultPrinter(settings, io.outStyle(), io::outWidth);
                io.out().print(printer.render(columns, rows));
            }
        }

        @Override
        public void updated(long count) {
            if (settings.format != OutputFormat.table) {
                return; // scripts reading CSV or JSON want rows only
            }
            String tag = kind.tag();
            io.out().println(COUNTED_TAGS.contains(tag) && count >= 0 ? tag + " " + count : tag);
        }

        /** Ends a push query's output: the status line goes, a summary stays. */
        void finishPush(boolean cancelled) {
            if (stream == null) {
                return;
            }
            status.close();
            String summary = "(" + PushStatus.text(stream.rows(), System.nanoTime() - start)
                    + (cancelled ? "; cancelled)" : ")");
            if (settings.format == OutputFormat.table) {
                io.out().println(io.outStyle().dim(summary));
            } else {
                io.err.println(summary);
            }
            stream = null;
        }
    }
}
