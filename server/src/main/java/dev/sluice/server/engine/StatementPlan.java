package dev.sluice.server.engine;

import dev.sluice.common.types.Column;
import dev.sluice.common.types.SqlType;
import dev.sluice.pgwire.engine.ExecutionContext;
import dev.sluice.pgwire.engine.Result;
import dev.sluice.pgwire.engine.StatementKind;
import java.util.List;

/** A statement ready to run: what the protocol must know before execution, and how to execute it. */
interface StatementPlan {
    default StatementKind kind() {
        return StatementKind.OTHER;
    }

    default List<SqlType> parameterTypes() {
        return List.of();
    }

    /** Result columns; empty for statements without rows. */
    default List<Column> resultColumns() {
        return List.of();
    }

    /**
     * Whether this statement may leave its writes in {@link SessionState#deferredWrites}; any other
     * statement first completes what is deferred there (so it reads the session's writes).
     */
    default boolean defersWrites() {
        return false;
    }

    Result execute(SessionState session, Object[] parameters, ExecutionContext context);
}
