package dev.sluice.pgwire.engine;

import java.util.List;

/**
 * One client's session inside the engine: parses, prepares and runs its statements.
 *
 * <p>Threading: {@link #split}, {@link #prepare}, {@link #execute} and {@link #close} are called by
 * one pg-wire worker thread at a time, in the order the client sent its messages (never
 * concurrently for one session, never on a Netty event loop). {@link #cancel} may be called from any
 * thread at any time, including while {@link #execute} runs.
 */
public interface EngineSession extends AutoCloseable {

    /**
     * Splits a simple-query string into its statements. The default handles quotes, dollar quotes
     * and comments ({@link StatementSplitter}); an engine with its own lexer may override it.
     * Fragments that hold only whitespace and comments may be returned; pg-wire skips them, and a
     * query with nothing else answers EmptyQueryResponse.
     */
    default List<StatementText> split(String sql) {
        return StatementSplitter.split(sql);
    }

    /**
     * Parses and analyses one statement.
     *
     * @param sql the text of exactly one statement (no trailing semicolon needed)
     * @param parameterTypeOids the PostgreSQL type OIDs the client declared for {@code $1..$n};
     *     shorter than the number of parameters, or 0 entries, mean "infer" (node-postgres declares
     *     none); {@link dev.sluice.pgwire.types.PgTypes#sqlTypeOf(int)} maps an OID to a SqlType
     * @return parameter types (inferred where the OID was 0), result columns, statement kind
     * @throws dev.sluice.common.SluiceException with SQLSTATE and 1-based position relative to
     *     {@code sql} for errors (42601, 42P01, ...)
     */
    PreparedStatementInfo prepare(String sql, int[] parameterTypeOids);

    /**
     * Runs a prepared statement.
     *
     * <p>May block the calling worker thread for finite work (an INSERT waiting for durability, a
     * pull query); anything unbounded (a push query) must instead return a {@link Result.Rows} whose
     * {@link RowSource} produces rows asynchronously.
     *
     * @param parameters one value per parameter, already decoded to the Java class of the
     *     parameter's {@link dev.sluice.common.types.SqlType} (null for SQL NULL)
     * @throws dev.sluice.common.SluiceException for errors; {@code 57014} after {@link #cancel()}
     */
    Result execute(PreparedStatementInfo statement, Object[] parameters, ExecutionContext context);

    /**
     * Makes durable every write the engine deferred under {@link ExecutionContext#mayDeferWrites}.
     * pg-wire calls it on the worker thread before the client can see anything of the statements
     * run since the last call: before ReadyForQuery at Sync, at Flush, before an ErrorResponse and
     * before buffered output goes out because it is large. The engine also completes them itself
     * before any statement that does not defer (so reads see the writes). Deferred writes that are
     * still pending at {@link #close} were never acknowledged and are dropped.
     *
     * @throws dev.sluice.common.SluiceException when they cannot be made durable (preferably a {@link
     *     DeferredWriteException}, which {@link #execute} must throw when it completes them itself):
     *     pg-wire takes back the acknowledgements it holds for them and reports the error in place of
     *     the first deferred statement's result
     */
    default void completeDeferredWrites() {}

    /** Whether writes deferred under {@link ExecutionContext#mayDeferWrites} are waiting. */
    default boolean hasDeferredWrites() {
        return false;
    }

    /**
     * How many times deferred writes were made durable so far, including completions the engine did
     * on its own (before a statement that does not defer, or when it had collected enough): tells
     * pg-wire which acknowledgements it holds are already safe.
     */
    default long deferredWriteCompletions() {
        return 0;
    }

    /**
     * Cancels the statement {@link #execute} is running right now, if any (a CancelRequest from the
     * client). Must not block; a no-op when nothing runs. pg-wire itself closes any {@link
     * RowSource} or {@link CopySink} the statement returned.
     */
    void cancel();

    /** The client disconnected: release everything the session holds. Idempotent. */
    @Override
    void close();
}
