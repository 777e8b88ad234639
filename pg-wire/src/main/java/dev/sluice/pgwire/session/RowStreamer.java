package dev.sluice.pgwire.session;

import dev.sluice.common.Row;
import dev.sluice.pgwire.engine.RowSource;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Moves rows from a {@link RowSource} to the socket without ever blocking a thread.
 *
 * <p>Each {@link #pump()}: 1) stop if the statement was cancelled (throws 57014); 2) stop at the
 * row limit; 3) if the socket is not writable, flush and wait for {@code channelWritabilityChanged}
 * (backpressure: a slow client never makes us buffer without bound); 4) poll a row; if none is
 * ready, either finish (source done, deadline passed, or — for an unbounded source with a limit —
 * at least one row already sent) or flush and register {@link RowSource#whenReady} to be woken;
 * 5) after {@link #ROWS_PER_TURN} rows, give the worker thread to other sessions and continue later
 * (a source that always has a row ready must not hold a worker forever).
 */
final class RowStreamer {
    enum Outcome {
        /** Woken later by the source, the socket or the deadline timer. */
        WAITING,
        /** The source has no more rows. */
        EXHAUSTED,
        /** The row limit was reached, or an unbounded source has nothing ready after ≥1 row. */
        SUSPENDED,
        /** The FETCH timeout passed. */
        TIMED_OUT
    }

    /** Rows sent before yielding the worker thread to other sessions. */
    static final int ROWS_PER_TURN = 8192;

    private final PgSession session;
    private final RowSource source;
    private final Consumer<Row> sink;
    private final long limit;
    private final boolean unbounded;
    private final long deadlineNanos;
    private boolean timerArmed;
    private long sent;

    /**
     * @param limit maximum rows for this pass, 0 for no limit
     * @param deadlineNanos {@link System#nanoTime()} after which to stop waiting, or 0 for none
     */
    RowStreamer(
            PgSession session,
            RowSource source,
            Consumer<Row> sink,
            long limit,
            boolean unbounded,
            long deadlineNanos) {
        this.session = session;
        this.source = source;
        this.sink = sink;
        this.limit = limit;
        this.unbounded = unbounded;
        this.deadlineNanos = deadlineNanos;
    }

    long sent() {
        return sent;
    }

    Outcome pump() {
        Output out = session.output();
        int turn = 0;
        while (true) {
            session.checkCancelled();
            if (limit > 0 && sent >= limit) {
                return Outcome.SUSPENDED;
            }
            if (!out.writable()) {
                out.flush();
                if (!out.writable()) {
                    return Outcome.WAITING; // channelWritabilityChanged wakes the session
                }
            }
            Row row = source.poll();
            if (row == null) {
                if (source.isDone()) {
                    return Outcome.EXHAUSTED;
                }
                if (unbounded && limit > 0 && sent > 0) {
                    return Outcome.SUSPENDED;
                }
                if (deadlineNanos != 0 && System.nanoTime() - deadlineNanos >= 0) {
                    return Outcome.TIMED_OUT;
                }
                out.flush(); // rows so far reach the client while we wait
                armTimer();
                source.whenReady(session::wake);
                return Outcome.WAITING;
            }
            sink.accept(row);
            sent++;
            out.flushIfLarge();
            if (++turn >= ROWS_PER_TURN) {
                out.flush();
                session.resumeLater();
                return Outcome.WAITING;
            }
        }
    }

    private void armTimer() {
        if (deadlineNanos != 0 && !timerArmed) {
            timerArmed = true;
            long delay = Math.max(0, deadlineNanos - System.nanoTime());
            session.schedule(session::wake, delay, TimeUnit.NANOSECONDS);
        }
    }
}
