package dev.sluice.pgwire.engine;

import dev.sluice.common.types.Column;
import dev.sluice.common.types.SqlType;
import java.util.List;
import java.util.Objects;

/**
 * What the engine learned about a statement at prepare time; pg-wire answers Describe from it
 * (ParameterDescription, RowDescription or NoData) and passes it back to {@link
 * EngineSession#execute}.
 *
 * @param kind the statement kind
 * @param parameterTypes the type of each {@code $n}, inferred where the client declared none;
 *     pg-wire decodes Bind values to these types
 * @param resultColumns the columns of the rows the statement returns; empty when it returns none
 *     (an INSERT) — Describe then answers NoData
 * @param handle the engine's own prepared form (plan, AST); pg-wire never looks inside
 * @param fetchCursor for {@code FETCH ... FROM name}: the cursor's name, so that Describe can answer
 *     with the cursor's columns (which only pg-wire knows); null for every other statement
 */
public record PreparedStatementInfo(
        StatementKind kind,
        List<SqlType> parameterTypes,
        List<Column> resultColumns,
        Object handle,
        String fetchCursor) {
    public PreparedStatementInfo {
        Objects.requireNonNull(kind, "kind");
        parameterTypes = List.copyOf(parameterTypes);
        resultColumns = List.copyOf(resultColumns);
    }

    /** Any statement but FETCH. */
    public PreparedStatementInfo(
            StatementKind kind, List<SqlType> parameterTypes, List<Column> resultColumns, Object handle) {
        this(kind, parameterTypes, resultColumns, handle, null);
    }

    /** A {@code FETCH} from the named cursor. */
    public static PreparedStatementInfo fetch(String cursor, Object handle) {
        return new PreparedStatementInfo(
                StatementKind.QUERY, List.of(), List.of(), handle, Objects.requireNonNull(cursor));
    }

    public boolean returnsRows() {
        return !resultColumns.isEmpty();
    }

    /** A statement with neither parameters nor result rows. */
    public static PreparedStatementInfo command(StatementKind kind, Object handle) {
        return new PreparedStatementInfo(kind, List.of(), List.of(), handle);
    }
}
