/**
 * The PostgreSQL v3 wire protocol on Netty: what makes Sluice reachable from psql, pgjdbc and every
 * other PostgreSQL client. Depends on {@code common} only; SQL lives behind {@link
 * dev.sluice.pgwire.engine.Engine}, which the server module implements.
 *
 * <h2>Layers</h2>
 *
 * <pre>
 * PgServer                  bootstrap: epoll/NIO event loops, worker pool, TLS, limits
 * protocol.PgFrameDecoder   bytes -&gt; FrontendMessage (startup packets without type byte, typed messages,
 *                           max message size, malformed input -&gt; FATAL 08P01 and close)
 * protocol.BackendMessages  one writer per backend message
 * session.ConnectionHandler event loop: SSLRequest/GSSENCRequest/CancelRequest, writability, idle, close
 * session.PgSession         per connection: ordered inbox, pumped on the worker pool, one message at a time
 * session.StartupFlow       startup, trust/password/SCRAM-SHA-256 (auth), ParameterStatus, BackendKeyData
 * session.QueryProtocol     simple + extended query, statements, portals, cursors, transaction status
 * session.*Job              long-running work: RowsJob (rows, FETCH, COPY TO), CopyInJob, SimpleQueryJob
 * types                     OIDs, text and binary codecs of every Sluice type
 * copy                      COPY text/csv parsing and formatting
 * auth                      UserStore, SCRAM verifiers (never plaintext), the SCRAM exchange
 * engine                    the contract with the engine (see below)
 * </pre>
 *
 * <h2>Threads</h2>
 *
 * Netty's event loops only frame bytes and answer the pre-session packets. Everything else runs on
 * a bounded worker pool, one pump per session at a time, so a session's messages are handled in
 * order and its state needs no locks. A statement that waits — a push query waiting for rows, a
 * socket that is not writable, COPY waiting for data — parks as a {@code Job} and holds no thread;
 * it is resumed by {@link dev.sluice.pgwire.engine.RowSource#whenReady}, by {@code
 * channelWritabilityChanged} or by the next message. While the inbox is long, auto-read is off, so a
 * fast client waits in its TCP window rather than in our heap.
 *
 * <h2>Message flow (see {@link dev.sluice.pgwire.engine} for the engine calls)</h2>
 *
 * <pre>
 * client                       pg-wire                                   engine
 *   SSLRequest          -&gt;  'N' (or 'S' + TLS)
 *   StartupMessage      -&gt;  auth (R...), db check                -&gt;  openSession(SessionInfo)
 *                       &lt;-  R(0) S* K Z(I)
 *   Query "a; b"        -&gt;  split                                -&gt;  split(sql)
 *                           per statement:                       -&gt;  prepare(a), execute(a)
 *                       &lt;-  T D* C | C | G..(COPY in) | H d* c C
 *                       &lt;-  Z
 *   Parse/Bind/Describe -&gt;  1 2 t T|n                            -&gt;  prepare(sql, oids)
 *   Execute(p, n)       -&gt;  D* s | D* C                          -&gt;  execute(...) once, then RowSource.poll()
 *   Sync                -&gt;  Z(I|T|E)
 *   CancelRequest (new connection) -&gt; flag + cancel()           -&gt;  cancel()
 *                       &lt;-  E 57014 (on the original connection), Z
 * </pre>
 */
package dev.sluice.pgwire;
