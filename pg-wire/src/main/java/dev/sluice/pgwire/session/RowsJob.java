package dev.sluice.pgwire.session;

import dev.sluice.common.Row;
import dev.sluice.common.SluiceException;
import dev.sluice.pgwire.engine.RowSource;
import dev.sluice.pgwire.protocol.BackendMessages;
import java.util.function.Consumer;

/**
 * Streams one result's rows and ends it the way its context requires.
 *
 * <pre>
 * SIMPLE    DataRow*  CommandComplete "SELECT n"       (RowDescription was sent by the caller)
 * PORTAL    DataRow*  PortalSuspended                  (row limit, or ≥1 row of a push query and none ready)
 *           DataRow*  CommandComplete "SELECT n"       (source exhausted)
 * FETCH     DataRow*  CommandComplete "FETCH n"        (count reached, nothing more ready, or timeout)
 * COPY_OUT  CopyData* CopyDone CommandComplete "COPY n"
 * error/cancel at any point: ErrorResponse (no terminator), the source is closed
 * </pre>
 */
final class RowsJob extends StatementJob {
    enum Mode {
        SIMPLE,
        PORTAL,
        FETCH,
        COPY_OUT
    }

    private final QueryProtocol protocol;
    private final Mode mode;
    private final RowSource source;
    private final String tag;
    private final Portal portal;
    private final Runnable onSourceFailed;
    private final boolean extended;
    private final RowStreamer streamer;

    private Runnable beforeCopyDone;

    RowsJob(
            QueryProtocol protocol,
            Mode mode,
            RowSource source,
            boolean unbounded,
            Consumer<Row> sink,
            long limit,
            long deadlineNanos,
            String tag,
            Portal portal,
            boolean extended,
            Runnable onSourceFailed) {
        this.protocol = protocol;
        this.mode = mode;
        this.source = source;
        this.tag = tag;
        this.portal = portal;
        this.extended = extended;
        this.onSourceFailed = onSourceFailed;
        this.streamer = new RowStreamer(protocol.session(), source, sink, limit, unbounded, deadlineNanos);
    }

    /** COPY_OUT: what to send after the last row and before CopyDone (binary COPY's trailer). */
    RowsJob beforeCopyDone(Runnable action) {
        this.beforeCopyDone = action;
        return this;
    }

    @Override
    public boolean resume() {
        RowStreamer.Outcome outcome;
        try {
            outcome = streamer.pump();
        } catch (RuntimeException re) {
            SluiceException e = Errors.toClient(re);
            source.close();
            if (onSourceFailed != null) {
                onSourceFailed.run();
            }
            failed = true;
            protocol.reportError(e, extended);
            return true;
        }
        Output out = protocol.session().output();
        long n = streamer.sent();
        switch (outcome) {
            case WAITING:
                return false;
            case SUSPENDED:
                if (mode == Mode.PORTAL) {
                    BackendMessages.empty(out.buf(), 's');
                    return true;
                }
                if (mode == Mode.FETCH) {
                    BackendMessages.commandComplete(out.buf(), "FETCH " + n);
                    return true;
                }
                throw new IllegalStateException("a " + mode + " result cannot be suspended");
            case TIMED_OUT:
                BackendMessages.commandComplete(out.buf(), "FETCH " + n);
                return true;
            case EXHAUSTED:
            default:
                break;
        }
        switch (mode) {
            case FETCH -> BackendMessages.commandComplete(out.buf(), "FETCH " + n);
            case COPY_OUT -> {
                source.close();
                if (beforeCopyDone != null) {
                    beforeCopyDone.run();
                }
                BackendMessages.empty(out.buf(), 'c');
                BackendMessages.commandComplete(out.buf(), "COPY " + n);
            }
            case SIMPLE, PORTAL -> {
                source.close();
                if (portal != null) {
                    portal.done = true;
                }
                BackendMessages.commandComplete(out.buf(), tag != null ? tag : "SELECT " + n);
            }
        }
        return true;
    }

    @Override
    public void abandon() {
        source.close();
    }
}
