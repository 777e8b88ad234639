package dev.sluice.pgwire.session;

import dev.sluice.common.SluiceException;
import dev.sluice.common.SqlState;
import dev.sluice.common.types.Column;
import dev.sluice.common.types.SqlType;
import dev.sluice.pgwire.engine.CopyOptions;
import dev.sluice.pgwire.engine.DeferredWriteException;
import dev.sluice.pgwire.engine.EngineSession;
import dev.sluice.pgwire.engine.ExecutionContext;
import dev.sluice.pgwire.engine.Notice;
import dev.sluice.pgwire.engine.PreparedStatementInfo;
import dev.sluice.pgwire.engine.Result;
import dev.sluice.pgwire.engine.StatementKind;
import dev.sluice.pgwire.engine.StatementText;
import dev.sluice.pgwire.protocol.BackendMessages;
import dev.sluice.pgwire.protocol.FrontendMessage;
import dev.sluice.pgwire.protocol.ProtocolException;
import dev.sluice.pgwire.types.BinaryCodec;
import dev.sluice.pgwire.types.RowEncoder;
import dev.sluice.pgwire.types.TextCodec;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The session state machine once the client is in: simple and extended query, statements,
 * portals, cursors and the transaction status.
 *
 * <pre>
 * client                                   server
 *   Parse(stmt, sql, oids)            -&gt;   ParseComplete
 *   Bind(portal, stmt, params, fmts)  -&gt;   BindComplete
 *   Describe('S', stmt)               -&gt;   ParameterDescription, RowDescription | NoData
 *   Describe('P', portal)             -&gt;   RowDescription (with the Bind formats) | NoData
 *   Execute(portal, n)                -&gt;   DataRow* then CommandComplete | PortalSuspended | EmptyQueryResponse
 *   Sync                              -&gt;   ReadyForQuery(I | T | E)   (portals die here outside a transaction block)
 * an error in any of them: ErrorResponse, then every message up to Sync is ignored
 *   Query(sql)                        -&gt;   see {@link SimpleQueryJob}
 * </pre>
 *
 * <p>Output of extended messages stays buffered until Sync, Flush or 64 KiB; errors go out at once.
 * Before any of it goes out, the engine makes the writes it deferred durable ({@link
 * EngineSession#completeDeferredWrites}): a pipeline's INSERTs are acknowledged together.
 */
final class QueryProtocol {
    private final PgSession session;
    private final SessionParameters parameters;
    private final Map<String, PreparedStmt> statements = new HashMap<>();
    private final Map<String, Portal> portals = new HashMap<>();
    private final Map<String, Cursor> cursors = new HashMap<>();
    private final ExecutionContext context = new Context();
    private char transactionStatus = 'I';
    private boolean ignoreTillSync;
    /** An extended-protocol Execute runs the statement: its writes may wait for Sync. */
    private boolean deferrable;
    /**
     * Where the output of the first statement whose writes are deferred begins (its CommandComplete),
     * or -1: what a failure of those writes takes back ({@link #deferredWritesFailed}).
     */
    private int deferredFrom = -1;

    /** The session's {@code statement_timeout} in milliseconds, 0 for none. */
    long statementTimeoutMillis() {
        return parameters.statementTimeoutMillis();
    }

    QueryProtocol(PgSession session, SessionParameters parameters) {
        this.session = session;
        this.parameters = parameters;
    }

    PgSession session() {
        return session;
    }

    char transactionStatus() {
        return transactionStatus;
    }

    void handle(FrontendMessage m) {
        if (m instanceof FrontendMessage.Sync) {
            sync();
            return;
        }
        if (m instanceof FrontendMessage.CopyData
                || m instanceof FrontendMessage.CopyDone
                || m instanceof FrontendMessage.CopyFail) {
            return; // the tail of a COPY that already failed
        }
        if (m instanceof FrontendMessage.Flush) {
            if (completeDeferredWrites()) {
                session.output().flush();
            }
            return;
        }
        if (m instanceof FrontendMessage.Startup || m instanceof FrontendMessage.PasswordData) {
            throw new ProtocolException("unexpected " + m.getClass().getSimpleName() + " message after startup");
        }
        if (ignoreTillSync) {
            return;
        }
        if (m instanceof FrontendMessage.Query q) {
            // A pipeline's deferred writes are settled before a simple query (no Sync came between).
            if (completeDeferredWrites() && !ignoreTillSync) {
                session.start(new SimpleQueryJob(this, session.engineSession().split(q.sql())));
            }
            return;
        }
        if (m instanceof FrontendMessage.FunctionCall) {
            session.output().error(SluiceException.notSupported("the fast-path function call interface"));
            BackendMessages.readyForQuery(session.output().buf(), transactionStatus);
            session.output().flush();
            return;
        }
        try {
            if (m instanceof FrontendMessage.Parse p) {
                parse(p);
            } else if (m instanceof FrontendMessage.Bind b) {
                bind(b);
            } else if (m instanceof FrontendMessage.Describe d) {
                describe(d);
            } else if (m instanceof FrontendMessage.Execute e) {
                Portal portal = portals.get(e.portal());
                if (portal == null) {
                    throw new SluiceException(
                            SqlState.INVALID_CURSOR_NAME, "portal \"" + e.portal() + "\" does not exist");
                }
                session.start(new ExecuteJob(this, portal, e.maxRows()));
            } else if (m instanceof FrontendMessage.Close c) {
                close(c);
            } else {
                throw new ProtocolException("unexpected message " + m.getClass().getSimpleName());
            }
            if (session.output().isLarge() && completeDeferredWrites()) {
                session.output().flush();
            }
        } catch (ProtocolException e) {
            throw e;
        } catch (RuntimeException e) {
            reportError(Errors.toClient(e), true);
        }
    }

    /** Writes an ErrorResponse; fails an open transaction block; in extended mode skips to Sync. */
    void reportError(SluiceException e, boolean extended) {
        if (e instanceof DeferredWriteException) {
            deferredWritesFailed(e); // earlier statements' writes, completed before this statement ran
            return;
        }
        boolean reported = ignoreTillSync;
        if (!completeDeferredWrites() || (!reported && ignoreTillSync)) {
            return; // the connection ended, or the deferred writes failed and that error went out
        }
        session.output().error(session.explainCancel(e));
        if (transactionStatus == 'T') {
            transactionStatus = 'E';
        }
        if (extended) {
            ignoreTillSync = true;
        }
    }

    private void sync() {
        if (!completeDeferredWrites()) {
            return;
        }
        ignoreTillSync = false;
        if (transactionStatus == 'I') {
            closePortals(); // the implicit transaction ends here, and its portals with it
        }
        BackendMessages.readyForQuery(session.output().buf(), transactionStatus);
        session.output().flush();
    }

    /**
     * Lets the engine make its deferred writes durable before the client sees their CommandComplete
     * ({@link EngineSession#completeDeferredWrites}); see {@link #deferredWritesFailed} for when that
     * fails. Returns false if the connection ended.
     */
    private boolean completeDeferredWrites() {
        try {
            session.engineSession().completeDeferredWrites();
            deferredFrom = -1;
            return true;
        } catch (RuntimeException e) {
            return deferredWritesFailed(Errors.toClient(e));
        }
    }

    /**
     * The deferred writes failed, so the buffered output claims writes that did not happen. It is
     * taken back from the first deferred statement's CommandComplete on, and that statement gets the
     * error instead, then everything up to Sync is skipped: what PostgreSQL says when a pipeline's
     * statement fails. Statements before it keep their results. If that output is no longer held
     * (it never should be: output only goes out after a completion), the connection ends with the
     * error (FATAL) so the client never takes the writes as acknowledged. Returns false then.
     */
    private boolean deferredWritesFailed(SluiceException e) {
        int from = deferredFrom;
        deferredFrom = -1;
        if (from < 0 || !session.output().truncate(from)) {
            session.output().release();
            session.output().fatalAndClose(e);
            return false;
        }
        session.output().error(session.explainCancel(e));
        ignoreTillSync = true;
        return true;
    }

    // ---- extended query -----------------------------------------------------------------------

    private void parse(FrontendMessage.Parse p) {
        if (!p.statement().isEmpty() && statements.containsKey(p.statement())) {
            throw new SluiceException(
                    SqlState.DUPLICATE_PREPARED_STATEMENT,
                    "prepared statement \"" + p.statement() + "\" already exists");
        }
        if (p.sql().indexOf(';') >= 0) {
            long real = session.engineSession().split(p.sql()).stream()
                    .filter(s -> !s.empty())
                    .count();
            if (real > 1) {
                throw new SluiceException(
                        SqlState.SYNTAX_ERROR, "cannot insert multiple commands into a prepared statement");
            }
        }
        PreparedStatementInfo info = session.engineSession().prepare(p.sql(), p.parameterTypeOids());
        statements.put(p.statement(), new PreparedStmt(p.statement(), p.sql(), p.parameterTypeOids(), info));
        BackendMessages.empty(session.output().buf(), '1');
    }

    private void bind(FrontendMessage.Bind b) {
        PreparedStmt stmt = statements.get(b.statement());
        if (stmt == null) {
            throw new SluiceException("26000", "prepared statement \"" + b.statement() + "\" does not exist");
        }
        if (!b.portal().isEmpty() && portals.containsKey(b.portal())) {
            throw new SluiceException(SqlState.DUPLICATE_CURSOR, "portal \"" + b.portal() + "\" already exists");
        }
        List<SqlType> types = stmt.info().parameterTypes();
        if (b.parameters().length != types.size()) {
            throw new SluiceException(
                    SqlState.PROTOCOL_VIOLATION,
                    "bind message supplies " + b.parameters().length + " parameters, but prepared statement \""
                            + stmt.name() + "\" requires " + types.size());
        }
        short[] paramFormats = resolveFormats(b.parameterFormats(), types.size(), "parameter");
        Object[] values = new Object[types.size()];
        for (int i = 0; i < values.length; i++) {
            byte[] raw = b.parameters()[i];
            if (raw == null) {
                continue;
            }
            try {
                values[i] = paramFormats[i] == 1
                        ? BinaryCodec.decode(
                                Unpooled.wrappedBuffer(raw), stmt.parameterOid(i), types.get(i), parameters.zone())
                        : TextCodec.decode(new String(raw, StandardCharsets.UTF_8), types.get(i), parameters.zone());
            } catch (SluiceException e) {
                throw e.withDetail("while decoding parameter $" + (i + 1));
            }
        }
        List<Column> columns = stmt.info().resultColumns();
        short[] resultFormats = resolveFormats(b.resultFormats(), columns.size(), "result");
        Portal old = portals.put(b.portal(), new Portal(b.portal(), stmt, values, resultFormats));
        if (old != null) {
            old.close();
        }
        BackendMessages.empty(session.output().buf(), '2');
    }

    /** Format-code lists hold 0 entries (all text), 1 (applies to all) or one per value. */
    private static short[] resolveFormats(short[] codes, int n, String what) {
        short[] out = new short[n];
        if (codes.length == 1) {
            java.util.Arrays.fill(out, codes[0]);
        } else if (codes.length == n) {
            System.arraycopy(codes, 0, out, 0, n);
        } else if (codes.length != 0) {
            throw new SluiceException(
                    SqlState.PROTOCOL_VIOLATION,
                    "bind message has " + codes.length + " " + what + " formats but " + n + " " + what + "s");
        }
        return out;
    }

    private void describe(FrontendMessage.Describe d) {
        if (d.kind() == 'S') {
            PreparedStmt stmt = statements.get(d.name());
            if (stmt == null) {
                throw new SluiceException("26000", "prepared statement \"" + d.name() + "\" does not exist");
            }
            BackendMessages.parameterDescription(session.output().buf(), stmt.parameterOids());
            describeRows(stmt.info(), null);
        } else {
            Portal portal = portals.get(d.name());
            if (portal == null) {
                throw new SluiceException(SqlState.INVALID_CURSOR_NAME, "portal \"" + d.name() + "\" does not exist");
            }
            describeRows(portal.statement.info(), portal.resultFormats);
        }
    }

    private void describeRows(PreparedStatementInfo info, short[] formats) {
        Cursor cursor = info.fetchCursor() == null ? null : cursors.get(info.fetchCursor());
        if (cursor != null) {
            // FETCH rows are sent in text whatever Bind asked: the formats were chosen before the columns were known
            BackendMessages.rowDescription(session.output().buf(), cursor.rows().columns(), null);
        } else if (info.returnsRows()) {
            BackendMessages.rowDescription(session.output().buf(), info.resultColumns(), formats);
        } else {
            BackendMessages.empty(session.output().buf(), 'n');
        }
    }

    private void close(FrontendMessage.Close c) {
        if (c.kind() == 'S') {
            statements.remove(c.name());
        } else {
            Portal p = portals.remove(c.name());
            if (p != null) {
                p.close();
            }
        }
        BackendMessages.empty(session.output().buf(), '3');
    }

    /** Execute: the first time runs the statement; later ones continue its rows. */
    StatementJob startExecute(Portal portal, int maxRows) {
        PreparedStatementInfo info = portal.statement.info();
        if (portal.rows != null || portal.done) {
            if (portal.done) {
                BackendMessages.commandComplete(session.output().buf(), "SELECT 0");
                return null;
            }
            return portalRows(portal, maxRows);
        }
        if (info.kind() == StatementKind.EMPTY) {
            BackendMessages.empty(session.output().buf(), 'I');
            return null;
        }
        checkNotAborted(info.kind());
        Result result;
        int start = session.output().position();
        long completions = session.engineSession().deferredWriteCompletions();
        deferrable = true;
        try {
            result = execute(info, portal.parameters);
        } finally {
            deferrable = false;
        }
        if (!session.engineSession().hasDeferredWrites()) {
            deferredFrom = -1; // nothing waits
        } else if (deferredFrom < 0 || session.engineSession().deferredWriteCompletions() != completions) {
            // This statement's writes are the first that wait: those before it (if any) were made
            // durable while it ran, so their acknowledgements stand.
            deferredFrom = start;
        }
        if (result instanceof Result.Rows rows) {
            portal.rows = rows;
            portal.encoder = new RowEncoder(rows.columns(), portal.resultFormats, parameters.zone());
            return portalRows(portal, maxRows);
        }
        portal.done = true;
        return startResult(info.kind(), result, true);
    }

    private StatementJob portalRows(Portal portal, int maxRows) {
        Result.Rows rows = portal.rows;
        RowEncoder encoder = portal.encoder;
        return new RowsJob(
                this,
                RowsJob.Mode.PORTAL,
                rows.source(),
                rows.unbounded(),
                row -> encoder.writeDataRow(session.output().buf(), row),
                maxRows,
                0,
                rows.tag(),
                portal,
                true,
                null);
    }

    // ---- simple query and results shared by both --------------------------------------------

    /** One statement of a simple query: prepare, execute, start its result. */
    StatementJob runSimple(StatementText statement) {
        PreparedStatementInfo info = session.engineSession().prepare(statement.sql(), new int[0]);
        if (info.kind() == StatementKind.EMPTY) {
            BackendMessages.empty(session.output().buf(), 'I');
            return null;
        }
        checkNotAborted(info.kind());
        Result result = execute(info, new Object[info.parameterTypes().size()]);
        if (result instanceof Result.Rows rows) {
            BackendMessages.rowDescription(session.output().buf(), rows.columns(), null);
            if (rows.unbounded()) {
                context.notice(Notice.notice(
                        "streaming push query rows directly requires a client that does not buffer output",
                        "Wrap the query in COPY (...) TO STDOUT, or use DECLARE ... CURSOR and FETCH."));
            }
            RowEncoder encoder =
                    new RowEncoder(rows.columns(), new short[rows.columns().size()], parameters.zone());
            return new RowsJob(
                    this,
                    RowsJob.Mode.SIMPLE,
                    rows.source(),
                    rows.unbounded(),
                    row -> encoder.writeDataRow(session.output().buf(), row),
                    0,
                    0,
                    rows.tag(),
                    null,
                    false,
                    null);
        }
        return startResult(info.kind(), result, false);
    }

    private Result execute(PreparedStatementInfo info, Object[] values) {
        Result result = session.engineSession().execute(info, values, context);
        if (session.isCancelRequested()) {
            release(result);
            session.checkCancelled();
        }
        return result;
    }

    private static void release(Result result) {
        if (result instanceof Result.Rows r) {
            r.source().close();
        } else if (result instanceof Result.CopyOut c) {
            c.source().close();
        } else if (result instanceof Result.DeclareCursor d) {
            d.rows().source().close();
        } else if (result instanceof Result.CopyIn c) {
            c.sink().abort(new SluiceException(SqlState.QUERY_CANCELED, "canceled"));
        }
    }

    private void checkNotAborted(StatementKind kind) {
        if (transactionStatus == 'E' && kind != StatementKind.COMMIT && kind != StatementKind.ROLLBACK) {
            throw new SluiceException(
                    SqlState.IN_FAILED_SQL_TRANSACTION,
                    "current transaction is aborted, commands ignored until end of transaction block");
        }
    }

    /** Every result but rows from a portal: commands, COPY, cursors. */
    private StatementJob startResult(StatementKind kind, Result result, boolean extended) {
        Output out = session.output();
        if (result instanceof Result.Command c) {
            BackendMessages.commandComplete(out.buf(), applyTransaction(kind, c.tag()));
            return null;
        }
        if (result instanceof Result.Rows r) {
            throw SluiceException.internal("rows are started by the caller", null);
        }
        if (result instanceof Result.CopyIn c) {
            BackendMessages.copyResponse(
                    out.buf(), 'G', c.columns().size(), c.options().format() == CopyOptions.Format.BINARY);
            out.flush();
            return new CopyInJob(this, c, extended, parameters.zone());
        }
        if (result instanceof Result.CopyOut c) {
            return startCopyOut(c, extended);
        }
        if (result instanceof Result.DeclareCursor d) {
            if (cursors.containsKey(d.name())) {
                d.rows().source().close();
                throw new SluiceException(SqlState.DUPLICATE_CURSOR, "cursor \"" + d.name() + "\" already exists");
            }
            List<Column> cols = d.rows().columns();
            cursors.put(
                    d.name(),
                    new Cursor(d.name(), d.rows(), new RowEncoder(cols, new short[cols.size()], parameters.zone())));
            BackendMessages.commandComplete(out.buf(), "DECLARE CURSOR");
            return null;
        }
        if (result instanceof Result.Fetch f) {
            return startFetch(f, extended);
        }
        Result.CloseCursor c = (Result.CloseCursor) result;
        if (c.name() == null) {
            closeCursors();
        } else {
            Cursor cursor = cursors.remove(c.name());
            if (cursor == null) {
                throw new SluiceException(SqlState.INVALID_CURSOR_NAME, "cursor \"" + c.name() + "\" does not exist");
            }
            cursor.close();
        }
        BackendMessages.commandComplete(out.buf(), "CLOSE CURSOR");
        return null;
    }

    private StatementJob startCopyOut(Result.CopyOut c, boolean extended) {
        if (c.options().format() == CopyOptions.Format.BINARY) {
            return startBinaryCopyOut(c, extended);
        }
        Output out = session.output();
        BackendMessages.copyResponse(out.buf(), 'H', c.columns().size(), false);
        dev.sluice.pgwire.copy.CopyOutWriter writer = new dev.sluice.pgwire.copy.CopyOutWriter(c.options());
        List<Column> cols = c.columns();
        if (c.options().header() && c.options().format() == CopyOptions.Format.CSV) {
            BackendMessages.copyData(
                    out.buf(), writer.line(cols.stream().map(Column::name).toList()));
        }
        RowEncoder encoder = new RowEncoder(cols, new short[cols.size()], parameters.zone());
        out.flush();
        return new RowsJob(
                this,
                RowsJob.Mode.COPY_OUT,
                c.source(),
                true,
                row -> {
                    List<String> texts = new ArrayList<>(cols.size());
                    for (int i = 0; i < cols.size(); i++) {
                        Object v = row.get(i);
                        texts.add(v == null ? null : encoder.text(v, i));
                    }
                    BackendMessages.copyData(out.buf(), writer.line(texts));
                },
                0,
                0,
                null,
                null,
                extended,
                null);
    }

    /** COPY TO STDOUT (FORMAT binary): the header, one CopyData per row, the trailer before CopyDone. */
    private StatementJob startBinaryCopyOut(Result.CopyOut c, boolean extended) {
        Output out = session.output();
        List<Column> cols = c.columns();
        java.time.ZoneId zone = parameters.zone();
        BackendMessages.copyResponse(out.buf(), 'H', cols.size(), true);
        BackendMessages.copyData(out.buf(), dev.sluice.pgwire.copy.BinaryCopyFormat::writeHeader);
        out.flush();
        return new RowsJob(
                        this,
                        RowsJob.Mode.COPY_OUT,
                        c.source(),
                        true,
                        row -> BackendMessages.copyData(
                                out.buf(), b -> dev.sluice.pgwire.copy.BinaryCopyFormat.writeTuple(b, row, cols, zone)),
                        0,
                        0,
                        null,
                        null,
                        extended,
                        null)
                .beforeCopyDone(() ->
                        BackendMessages.copyData(out.buf(), dev.sluice.pgwire.copy.BinaryCopyFormat::writeTrailer));
    }

    private StatementJob startFetch(Result.Fetch f, boolean extended) {
        Cursor cursor = cursors.get(f.name());
        if (cursor == null) {
            throw new SluiceException(SqlState.INVALID_CURSOR_NAME, "cursor \"" + f.name() + "\" does not exist");
        }
        if (!extended) {
            BackendMessages.rowDescription(session.output().buf(), cursor.rows().columns(), null);
        }
        long deadline = f.timeout() == null
                ? 0
                : System.nanoTime() + Math.max(1, f.timeout().toNanos());
        if (f.count() == 0) {
            BackendMessages.commandComplete(session.output().buf(), "FETCH 0");
            return null;
        }
        return new RowsJob(
                this,
                RowsJob.Mode.FETCH,
                cursor.rows().source(),
                cursor.rows().unbounded(),
                row -> cursor.encoder().writeDataRow(session.output().buf(), row),
                f.count() == Long.MAX_VALUE ? 0 : f.count(),
                deadline,
                null,
                null,
                extended,
                () -> cursors.remove(f.name()));
    }

    /** BEGIN / COMMIT / ROLLBACK move the status reported in ReadyForQuery; returns the tag to send. */
    private String applyTransaction(StatementKind kind, String tag) {
        switch (kind) {
            case BEGIN -> {
                if (transactionStatus != 'I') {
                    context.notice(Notice.warning("there is already a transaction in progress"));
                } else {
                    transactionStatus = 'T';
                }
            }
            case COMMIT, ROLLBACK -> {
                boolean wasFailed = transactionStatus == 'E';
                transactionStatus = 'I';
                closeCursors();
                if (wasFailed && kind == StatementKind.COMMIT) {
                    return "ROLLBACK";
                }
            }
            default -> {}
        }
        return tag;
    }

    private void closePortals() {
        for (Portal p : portals.values()) {
            p.close();
        }
        portals.clear();
    }

    private void closeCursors() {
        for (Cursor c : cursors.values()) {
            c.close();
        }
        cursors.clear();
    }

    /** The session ends: every source it holds stops. */
    void closeAll() {
        closePortals();
        closeCursors();
        statements.clear();
    }

    private final class Context implements ExecutionContext {
        @Override
        public boolean isCancelled() {
            return session.isCancelRequested();
        }

        @Override
        public void notice(Notice notice) {
            synchronized (session.output()) {
                BackendMessages.notice(session.output().buf(), notice);
            }
            session.output().flush();
        }

        @Override
        public String parameter(String name) {
            return parameters.get(name);
        }

        @Override
        public void setParameter(String name, String value) {
            String reported = parameters.set(name, value);
            if (reported != null) {
                synchronized (session.output()) {
                    BackendMessages.parameterStatus(session.output().buf(), reported, parameters.get(reported));
                }
            }
        }

        @Override
        public char transactionStatus() {
            return transactionStatus;
        }

        @Override
        public boolean mayDeferWrites() {
            return deferrable && transactionStatus == 'I';
        }

        @Override
        public boolean cancelBackend(int processId) {
            return session.server().registry().cancelByPid(processId);
        }

        @Override
        public boolean terminateBackend(int processId) {
            return session.server().registry().terminateByPid(processId);
        }
    }
}
