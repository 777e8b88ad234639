package dev.sluice.pgwire.engine;

import dev.sluice.common.Row;
import java.util.Iterator;
import java.util.List;

/**
 * Rows pulled by pg-wire without blocking: the shape of every query result, finite or not.
 *
 * <p>pg-wire's loop is: {@link #poll()} until it returns null; then, if {@link #isDone()}, finish
 * the result; otherwise register {@link #whenReady} and give the worker thread back. The engine
 * calls the callback (from any thread) when a row arrives, the source ends, or it fails. So a push
 * query holds no thread while it waits, and pg-wire stops polling while the client's socket is not
 * writable (backpressure: the engine should then buffer boundedly or stop reading its input).
 */
public interface RowSource extends AutoCloseable {

    /**
     * The next row if one is ready, else null. Never blocks.
     *
     * @throws dev.sluice.common.SluiceException when the query failed; the client receives it as an
     *     ErrorResponse mid-result
     */
    Row poll();

    /** True once {@link #poll()} will never return another row. */
    boolean isDone();

    /**
     * Registers a one-shot callback to run when {@link #poll()} may return a row or {@link
     * #isDone()} may have become true. If that is already so, the callback runs right away. A new
     * registration replaces an earlier one. The callback is cheap and thread-safe.
     */
    void whenReady(Runnable callback);

    /**
     * Stops producing and releases what the query holds (subscriptions, operators). Idempotent and
     * callable from any thread: pg-wire calls it on cancel, on disconnect and when the portal or
     * cursor is closed.
     */
    @Override
    void close();

    /** A finite source over rows already computed. */
    static RowSource of(List<Row> rows) {
        return fromIterator(rows.iterator());
    }

    /** A finite source over an iterator whose {@code next()} does not block for long. */
    static RowSource fromIterator(Iterator<Row> rows) {
        return new RowSource() {
            private volatile boolean closed;

            @Override
            public Row poll() {
                return !closed && rows.hasNext() ? rows.next() : null;
            }

            @Override
            public boolean isDone() {
                return closed || !rows.hasNext();
            }

            @Override
            public void whenReady(Runnable callback) {
                callback.run();
            }

            @Override
            public void close() {
                closed = true;
            }
        };
    }
}
