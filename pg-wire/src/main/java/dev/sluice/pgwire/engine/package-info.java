/**
 * The contract between the protocol and the engine. pg-wire never parses SQL beyond the protocol
 * (splitting a simple-query string is delegated here too, with a default lexer); the engine never
 * sees a protocol message.
 *
 * <h2>Calls</h2>
 *
 * <pre>
 * Engine.openSession(SessionInfo)                         -&gt; EngineSession      once per authenticated connection
 * EngineSession.split(String sql)                         -&gt; List&lt;StatementText&gt;  simple query (default provided)
 * EngineSession.prepare(String sql, int[] paramTypeOids)  -&gt; PreparedStatementInfo
 *     kind (EMPTY, QUERY, BEGIN, COMMIT, ROLLBACK, OTHER), parameter types (inferred where OID 0),
 *     result columns (empty = no rows), opaque handle
 * EngineSession.execute(info, Object[] params, ExecutionContext) -&gt; Result
 *     Command(tag)                       "INSERT 0 3", "CREATE STREAM", "SET", ...
 *     Rows(columns, RowSource, unbounded, tag)   pull (finite) or push (unbounded) query
 *     CopyIn(columns, CopyOptions, CopySink)     COPY t FROM STDIN: pg-wire decodes, the sink takes row batches
 *     CopyOut(columns, RowSource, CopyOptions)   COPY (q) TO STDOUT, endless for a push query
 *     DeclareCursor(name, Rows) / Fetch(name, count, timeout) / CloseCursor(name|null)
 * EngineSession.cancel()     any thread, non-blocking: stop what execute() runs (CancelRequest)
 * EngineSession.close()      the connection ended
 * ExecutionContext           isCancelled(), notice(Notice), parameter(name), setParameter(name, value)
 *                            (SET -&gt; ParameterStatus), transactionStatus()
 * RowSource                  poll() (non-blocking), isDone(), whenReady(callback), close()
 * CopySink                   write(List&lt;Row&gt;), finish() -&gt; count, abort(cause)
 * </pre>
 *
 * <h2>Who does what</h2>
 *
 * <ul>
 *   <li>Values: rows are {@link dev.sluice.common.Row}s whose values have the Java classes {@link
 *       dev.sluice.common.types.SqlType} documents; pg-wire encodes them in text or binary as the
 *       client asked. A push query over a table puts its {@code op} column first itself (SPEC §3).
 *   <li>Errors: throw {@link dev.sluice.common.SluiceException}; its SQLSTATE, detail, hint and
 *       1-based position (relative to the statement text given to {@code prepare}) reach the
 *       client; pg-wire shifts the position for multi-statement queries.
 *   <li>Cursors: the engine parses DECLARE/FETCH/CLOSE and returns the matching results; pg-wire
 *       keeps the cursors (name → RowSource) and closes them at CLOSE, COMMIT/ROLLBACK or
 *       disconnect. FETCH on an unbounded cursor waits for at least one row (or the timeout).
 *   <li>Transactions: the engine only classifies BEGIN/COMMIT/ROLLBACK; pg-wire derives the
 *       ReadyForQuery status (I/T/E), rejects statements in a failed block with 25P02, and closes
 *       portals at Sync outside a block.
 *   <li>Session parameters: the engine parses SET/SHOW and calls {@link
 *       dev.sluice.pgwire.engine.ExecutionContext#setParameter}; pg-wire reports the GUC_REPORT
 *       ones as ParameterStatus and uses TimeZone to render TIMESTAMPTZ.
 *   <li>Cancel and disconnect: pg-wire calls {@code cancel()} and closes every RowSource/CopySink it
 *       was given; {@code execute()} that blocks must notice {@code cancel()} and throw 57014.
 * </ul>
 */
package dev.sluice.pgwire.engine;
