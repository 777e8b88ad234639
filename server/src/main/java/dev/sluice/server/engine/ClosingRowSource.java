package dev.sluice.server.engine;

import dev.sluice.common.Row;
import dev.sluice.pgwire.engine.Result;
import dev.sluice.pgwire.engine.RowSource;
import java.util.concurrent.atomic.AtomicBoolean;

/** A row source that runs an action once when pg-wire closes it (end, cancel, disconnect). */
final class ClosingRowSource implements RowSource {
    private final RowSource delegate;
    private final Runnable onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ClosingRowSource(RowSource delegate, Runnable onClose) {
        this.delegate = delegate;
        this.onClose = onClose;
    }

    /**
     * The same result with {@code onClose} run when its rows stop streaming, for results that
     * stream after execute returned (an unbounded result, COPY TO STDOUT); other results are
     * returned as they are, and the caller runs the action itself.
     */
    static Result untilClosed(Result result, Runnable onClose) {
        if (result instanceof Result.Rows r && r.unbounded()) {
            return new Result.Rows(r.columns(), new ClosingRowSource(r.source(), onClose), true, r.tag());
        }
        if (result instanceof Result.CopyOut c) {
            return new Result.CopyOut(c.columns(), new ClosingRowSource(c.source(), onClose), c.options());
        }
        return result;
    }

    @Override
    public Row poll() {
        return delegate.poll();
    }

    @Override
    public boolean isDone() {
        return delegate.isDone();
    }

    @Override
    public void whenReady(Runnable callback) {
        delegate.whenReady(callback);
    }

    @Override
    public void close() {
        try {
            delegate.close();
        } finally {
            if (closed.compareAndSet(false, true)) {
                onClose.run();
            }
        }
    }
}
