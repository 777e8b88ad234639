package dev.sluice.pgwire.session;

import dev.sluice.pgwire.engine.Result;
import dev.sluice.pgwire.types.RowEncoder;

/**
 * A cursor opened by {@code DECLARE}: pg-wire keeps it (the engine only provides its rows) until
 * {@code CLOSE}, the end of the transaction, or the session.
 */
record Cursor(String name, Result.Rows rows, RowEncoder encoder) {
    void close() {
        rows.source().close();
    }
}
