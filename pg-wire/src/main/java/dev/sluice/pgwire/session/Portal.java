package dev.sluice.pgwire.session;

import dev.sluice.pgwire.engine.Result;
import dev.sluice.pgwire.types.RowEncoder;

/**
 * A portal created by Bind: a statement with its parameter values and result formats, and — once
 * the first Execute ran it — the rows still to send. It survives PortalSuspended so the next
 * Execute continues where the last stopped.
 */
final class Portal {
    final String name;
    final PreparedStmt statement;
    final Object[] parameters;
    /** One format code per result column. */
    final short[] resultFormats;

    Result.Rows rows;
    RowEncoder encoder;
    boolean done;

    Portal(String name, PreparedStmt statement, Object[] parameters, short[] resultFormats) {
        this.name = name;
        this.statement = statement;
        this.parameters = parameters;
        this.resultFormats = resultFormats;
    }

    void close() {
        if (rows != null) {
            rows.source().close();
        }
        done = true;
    }
}
