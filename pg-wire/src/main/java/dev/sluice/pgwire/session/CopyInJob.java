package dev.sluice.pgwire.session;

import dev.sluice.common.Row;
import dev.sluice.common.SluiceException;
import dev.sluice.common.SqlState;
import dev.sluice.common.types.Column;
import dev.sluice.common.types.SqlType;
import dev.sluice.pgwire.copy.BinaryCopyFormat;
import dev.sluice.pgwire.copy.CopyInParser;
import dev.sluice.pgwire.copy.CopyRecord;
import dev.sluice.pgwire.copy.CopyValueDecoder;
import dev.sluice.pgwire.engine.CopyOptions;
import dev.sluice.pgwire.engine.CopyRecordSink;
import dev.sluice.pgwire.engine.CopySink;
import dev.sluice.pgwire.engine.Result;
import dev.sluice.pgwire.protocol.BackendMessages;
import dev.sluice.pgwire.protocol.FrontendMessage;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code COPY ... FROM STDIN} after CopyInResponse was sent: CopyData is parsed into rows and
 * handed to the engine's {@link CopySink} in batches; CopyDone finishes ({@code COPY n}), CopyFail,
 * bad data or a cancel abort it with an ErrorResponse. Flush and Sync are ignored meanwhile, as
 * PostgreSQL does; CopyData still in flight after an error is dropped by {@link QueryProtocol}.
 */
final class CopyInJob extends StatementJob {
    static final int BATCH_ROWS = 1000;

    private final QueryProtocol protocol;
    private final List<Column> columns;
    private final SqlType[] types;
    private final CopySink sink;
    private final CopyInParser parser;
    /** FORMAT binary: decodes rows itself (then {@code parser} is null). */
    private final BinaryCopyFormat.Reader binary;
    /** The sink's fast path for parsed records, or null to decode rows here. */
    private final CopyRecordSink recordSink;

    private final boolean extended;
    private final ZoneId zone;
    private List<Row> batch = new ArrayList<>(BATCH_ROWS);
    private boolean done;

    CopyInJob(QueryProtocol protocol, Result.CopyIn copy, boolean extended, ZoneId zone) {
        this.protocol = protocol;
        this.columns = copy.columns();
        this.types = columns.stream().map(Column::type).toArray(SqlType[]::new);
        this.sink = copy.sink();
        this.extended = extended;
        this.zone = zone;
        if (copy.options().format() == CopyOptions.Format.BINARY) {
            this.binary = new BinaryCopyFormat.Reader(columns, zone, this::row);
            this.parser = null;
            this.recordSink = null;
        } else {
            this.binary = null;
            this.parser = new CopyInParser(copy.options(), this::record);
            this.recordSink = sink.recordSink(zone);
        }
    }

    @Override
    public boolean wantsInput() {
        return !done;
    }

    @Override
    public void offer(FrontendMessage m) {
        if (done) {
            return;
        }
        try {
            protocol.session().checkCancelled();
            if (m instanceof FrontendMessage.CopyData d) {
                if (binary != null) {
                    binary.feed(d.data());
                } else {
                    parser.feed(d.data());
                }
            } else if (m instanceof FrontendMessage.CopyDone) {
                if (binary != null) {
                    binary.finish();
                } else {
                    parser.finish();
                }
                writeBatch();
                long n = sink.finish();
                BackendMessages.commandComplete(protocol.session().output().buf(), "COPY " + n);
                done = true;
            } else if (m instanceof FrontendMessage.CopyFail f) {
                throw new SluiceException(SqlState.QUERY_CANCELED, "COPY from stdin failed: " + f.message());
            } else if (!(m instanceof FrontendMessage.Flush) && !(m instanceof FrontendMessage.Sync)) {
                throw new SluiceException(
                        SqlState.PROTOCOL_VIOLATION,
                        "unexpected message " + m.getClass().getSimpleName() + " during COPY from stdin");
            }
        } catch (RuntimeException e) {
            fail(Errors.toClient(e));
        }
    }

    @Override
    public boolean resume() {
        if (!done && protocol.session().isCancelRequested()) {
            fail(protocol.session().cancelError());
        }
        return done;
    }

    private void fail(SluiceException e) {
        done = true;
        failed = true;
        batch = new ArrayList<>();
        try {
            sink.abort(e);
        } catch (RuntimeException ignored) {
            // the COPY fails either way; the client hears the first error
        }
        long line = binary != null ? binary.line() : parser.line();
        // Where, as PostgreSQL's CONTEXT says it (its detail, e.g. the failing row, stays).
        SluiceException reported = e.context().isPresent() || line == 0
                ? e
                : e.withContext((binary != null ? "COPY tuple " : "COPY line ") + line);
        protocol.reportError(reported, extended);
    }

    private void record(CopyRecord fields) {
        if (fields.size() < columns.size()) {
            throw new SluiceException(
                    SqlState.BAD_COPY_FILE_FORMAT,
                    "missing data for column \"" + columns.get(fields.size()).name() + "\"");
        }
        if (fields.size() > columns.size()) {
            throw new SluiceException(SqlState.BAD_COPY_FILE_FORMAT, "extra data after last expected column");
        }
        if (recordSink != null) {
            recordSink.write(fields);
            return;
        }
        Object[] values = new Object[types.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = CopyValueDecoder.decode(fields, i, types[i], zone);
        }
        row(Row.of(values));
    }

    private void row(Row row) {
        batch.add(row);
        if (batch.size() >= BATCH_ROWS) {
            writeBatch();
        }
    }

    private void writeBatch() {
        if (!batch.isEmpty()) {
            List<Row> full = batch;
            batch = new ArrayList<>(BATCH_ROWS);
            sink.write(full);
        }
    }

    @Override
    public void abandon() {
        if (!done) {
            done = true;
            sink.abort(new SluiceException(SqlState.CONNECTION_FAILURE, "client disconnected during COPY"));
        }
    }
}
