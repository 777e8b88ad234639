package dev.sluice.pgwire.session;

import dev.sluice.common.SluiceException;
import dev.sluice.common.SqlState;
import dev.sluice.pgwire.engine.EngineSession;
import dev.sluice.pgwire.protocol.FrontendMessage;
import io.netty.channel.Channel;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: an ordered inbox of decoded messages, processed one at a time on the
 * worker pool, and the state that outlives a message (phase, engine session, running job).
 *
 * <pre>
 * event loop (Netty)                 worker pool (one pump per session at a time)
 *   decode -&gt; enqueue(msg) --------&gt;  pump(): while no job waits: dispatch(next msg)
 *   writability / rows ready -&gt; wake() -&gt; pump(): job.resume()
 *   CancelRequest (other conn) -&gt; cancelRunningStatement(): flag + engine.cancel() + wake()
 *   channelInactive -&gt; channelClosed(): close sources now, then the engine session in the pump
 * </pre>
 *
 * <p>The pump uses the "work in progress" counter idiom: {@link #schedule()} submits a run only
 * when none is pending, and a run loops until no request arrived meanwhile, so the session's code
 * never runs on two threads at once and needs no locks. The inbox is bounded by turning off Netty's
 * auto-read while it is long (a client streaming COPY data faster than the engine takes it waits in
 * its TCP window, not in our heap).
 */
public final class PgSession {
    private static final Logger LOG = LoggerFactory.getLogger(PgSession.class);
    private static final int INBOX_HIGH = 1024;
    private static final int INBOX_LOW = 128;

    enum Phase {
        STARTUP,
        AUTHENTICATING,
        READY,
        CLOSED
    }

    private final Channel channel;
    private final ServerContext server;
    private final Output output;
    private final Queue<FrontendMessage> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inboxSize = new AtomicInteger();
    private final AtomicInteger wip = new AtomicInteger();
    private final boolean overConnectionLimit;
    private final boolean tls;

    private final int processId;
    private final int secretKey;

    private volatile Phase phase = Phase.STARTUP;
    private volatile boolean channelClosed;
    private volatile boolean running;
    private volatile boolean cancelRequested;
    /** The running statement was cancelled by its statement_timeout, not by a client. */
    private volatile boolean timedOut;

    private final java.util.concurrent.atomic.AtomicLong timerGeneration = new java.util.concurrent.atomic.AtomicLong();
    private volatile java.util.concurrent.ScheduledFuture<?> statementTimer;
    private volatile boolean shutdownRequested;

    private StartupFlow startup;
    private volatile EngineSession engineSession;
    private QueryProtocol protocol;
    private Job job;

    PgSession(Channel channel, ServerContext server, boolean overConnectionLimit, boolean tls) {
        this.channel = channel;
        this.server = server;
        this.output = new Output(channel);
        this.overConnectionLimit = overConnectionLimit;
        this.tls = tls;
        this.processId = server.registry().allocatePid();
        this.secretKey = server.registry().newSecret();
    }

    int processId() {
        return processId;
    }

    int secretKey() {
        return secretKey;
    }

    Output output() {
        return output;
    }

    Channel channel() {
        return channel;
    }

    ServerContext server() {
        return server;
    }

    boolean isTls() {
        return tls;
    }

    boolean isOverConnectionLimit() {
        return overConnectionLimit;
    }

    Phase phase() {
        return phase;
    }

    EngineSession engineSession() {
        return engineSession;
    }

    /** True while no statement runs: the idle timeout applies only then. */
    boolean isIdle() {
        return phase == Phase.READY && !running && job == null;
    }

    // ---- entry points from the event loop and other threads -------------------------------------

    /** A decoded message arrived (event loop). */
    void enqueue(FrontendMessage message) {
        inbox.add(message);
        if (inboxSize.incrementAndGet() >= INBOX_HIGH) {
            channel.config().setAutoRead(false);
        }
        schedule();
    }

    /** Rows arrived, the socket drained, or a timer fired: resume the waiting job. Any thread. */
    void wake() {
        schedule();
    }

    /** CancelRequest matched this session. Any thread; never blocks. */
    void cancelRunningStatement() {
        if (!running) {
            return; // nothing runs: a no-op, as in PostgreSQL
        }
        LOG.info("cancelling the running statement of process {}", processId);
        cancelRequested = true;
        EngineSession es = engineSession;
        if (es != null) {
            es.cancel();
        }
        wake();
    }

    /** The connection is gone (event loop). Releases what runs now; the rest happens in the pump. */
    void channelClosed() {
        channelClosed = true;
        cancelRequested = true;
        EngineSession es = engineSession;
        if (es != null && running) {
            es.cancel();
        }
        schedule();
    }

    /** Server shutdown: FATAL 57P01 and close. Any thread. */
    void adminShutdown() {
        shutdownRequested = true;
        schedule();
    }

    /** The idle timeout fired (event loop). */
    void idleTimeout() {
        if (isIdle() || phase != Phase.READY) {
            output.fatalAndClose(new SluiceException(
                    phase == Phase.READY ? "57P05" : SqlState.PROTOCOL_VIOLATION,
                    phase == Phase.READY
                            ? "terminating connection due to idle-session timeout"
                            : "canceling authentication due to timeout"));
        }
    }

    /** Resume after the tasks already queued on the worker pool: fairness between busy sessions. */
    void resumeLater() {
        try {
            server.workers().execute(this::wake);
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    void schedule(Runnable task, long delay, TimeUnit unit) {
        channel.eventLoop().schedule(task, delay, unit);
    }

    private void schedule() {
        if (wip.getAndIncrement() == 0) {
            try {
                server.workers().execute(this::runPump);
            } catch (RejectedExecutionException e) {
                wip.set(0); // the server is shutting down
            }
        }
    }

    private void runPump() {
        int missed = 1;
        do {
            try {
                pump();
            } catch (RuntimeException | Error e) {
                LOG.error("session {} failed", processId, e);
                fail(SluiceException.internal("internal error: " + e, e), true);
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    // ---- the pump: everything below runs on one worker thread at a time ------------------------

    private void pump() {
        if (phase == Phase.CLOSED) {
            drainInbox();
            return;
        }
        if (channelClosed) {
            closeSession();
            return;
        }
        if (shutdownRequested) {
            output.fatalAndClose(new SluiceException(
                    SqlState.ADMIN_SHUTDOWN, "terminating connection due to administrator command"));
            closeSession();
            return;
        }
        while (phase != Phase.CLOSED) {
            if (job != null) {
                if (job.wantsInput()) {
                    FrontendMessage m = poll();
                    if (m != null) {
                        job.offer(m);
                    }
                }
                if (!job.resume()) {
                    if (job.wantsInput() && !inbox.isEmpty()) {
                        continue;
                    }
                    break;
                }
                job = null;
                statementFinished();
                continue;
            }
            FrontendMessage m = poll();
            if (m == null) {
                break;
            }
            dispatch(m);
        }
        if (!channel.config().isAutoRead() && inboxSize.get() <= INBOX_LOW && phase != Phase.CLOSED) {
            channel.config().setAutoRead(true);
        }
    }

    private FrontendMessage poll() {
        FrontendMessage m = inbox.poll();
        if (m != null) {
            inboxSize.decrementAndGet();
        }
        return m;
    }

    private void drainInbox() {
        while (poll() != null) {
            // the session is closed; late messages are dropped
        }
    }

    private void dispatch(FrontendMessage m) {
        if (m instanceof FrontendMessage.Terminate) {
            closeSession();
            channel.close();
            return;
        }
        try {
            switch (phase) {
                case STARTUP, AUTHENTICATING -> {
                    if (startup == null) {
                        startup = new StartupFlow(this);
                        phase = Phase.AUTHENTICATING;
                    }
                    startup.handle(m);
                }
                case READY -> protocol.handle(m);
                case CLOSED -> {}
            }
        } catch (SluiceException e) {
            fail(e, phase != Phase.READY || e instanceof dev.sluice.pgwire.protocol.ProtocolException);
        }
    }

    /** Startup succeeded: the session takes queries from now on. */
    void ready(EngineSession es, SessionParameters parameters) {
        this.engineSession = es;
        this.protocol = new QueryProtocol(this, parameters);
        this.startup = null;
        this.phase = Phase.READY;
        server.registry().register(this);
    }

    /** Starts a job; the pump resumes it until it finishes. */
    void start(Job newJob) {
        statementStarted();
        this.job = newJob;
    }

    /** A statement begins: cancel requests from now on apply to it, and its statement_timeout runs. */
    void statementStarted() {
        cancelRequested = false;
        timedOut = false;
        running = true;
        startStatementTimer();
    }

    void statementFinished() {
        running = false;
        cancelRequested = false;
        timedOut = false;
        stopStatementTimer();
    }

    /** The next statement of a multi-statement simple Query begins: statement_timeout applies to each. */
    void restartStatementTimer() {
        stopStatementTimer();
        startStatementTimer();
    }

    private void startStatementTimer() {
        long millis = protocol == null ? 0 : protocol.statementTimeoutMillis();
        if (millis <= 0) {
            return;
        }
        long generation = timerGeneration.incrementAndGet();
        statementTimer =
                channel.eventLoop().schedule(() -> statementTimedOut(generation), millis, TimeUnit.MILLISECONDS);
    }

    private void stopStatementTimer() {
        timerGeneration.incrementAndGet();
        java.util.concurrent.ScheduledFuture<?> timer = statementTimer;
        if (timer != null) {
            statementTimer = null;
            timer.cancel(false);
        }
    }

    /** The timer of statement {@code generation} fired (event loop): cancel it unless it ended meanwhile. */
    private void statementTimedOut(long generation) {
        if (generation != timerGeneration.get() || !running) {
            return;
        }
        timedOut = true;
        LOG.info("statement of process {} ran into statement_timeout", processId);
        cancelRunningStatement();
    }

    /** The error a cancelled statement ends with: 57014, saying whether a client or statement_timeout cancelled it. */
    SluiceException cancelError() {
        return new SluiceException(
                SqlState.QUERY_CANCELED,
                timedOut ? "canceling statement due to statement timeout" : "canceling statement due to user request");
    }

    /**
     * An error of the running statement as the client should see it: when statement_timeout
     * cancelled the statement, the engine's 57014 says so.
     */
    SluiceException explainCancel(SluiceException e) {
        if (timedOut && running && SqlState.QUERY_CANCELED.equals(e.sqlState())) {
            return cancelError();
        }
        return e;
    }

    boolean isCancelRequested() {
        return cancelRequested;
    }

    /** Throws 57014 when the running statement was cancelled. */
    void checkCancelled() {
        if (cancelRequested) {
            throw cancelError();
        }
    }

    private void fail(SluiceException e, boolean fatal) {
        if (fatal) {
            LOG.debug("closing session {}: {}", processId, e.toString());
            output.fatalAndClose(e);
            closeSession();
        } else {
            output.error(e);
        }
    }

    private void closeSession() {
        if (phase == Phase.CLOSED) {
            return;
        }
        phase = Phase.CLOSED;
        server.registry().unregister(this);
        if (job != null) {
            job.abandon();
            job = null;
        }
        if (protocol != null) {
            protocol.closeAll();
        }
        EngineSession es = engineSession;
        if (es != null) {
            try {
                es.close();
            } catch (RuntimeException e) {
                LOG.warn("engine session {} failed to close", processId, e);
            }
        }
        output.release();
        drainInbox();
        LOG.debug("session {} closed", processId);
    }
}
