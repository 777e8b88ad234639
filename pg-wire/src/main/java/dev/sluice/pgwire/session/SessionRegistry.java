package dev.sluice.pgwire.session;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All live sessions of one server: process ids for BackendKeyData, the cancel lookup, and the
 * connection count behind {@code max_connections}.
 */
public final class SessionRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(SessionRegistry.class);

    private final ConcurrentMap<Integer, PgSession> byPid = new ConcurrentHashMap<>();
    private final AtomicInteger nextPid;
    private final AtomicInteger connections = new AtomicInteger();
    private final SecureRandom random = new SecureRandom();

    public SessionRegistry() {
        this.nextPid = new AtomicInteger(1000 + random.nextInt(30_000));
    }

    int allocatePid() {
        return nextPid.getAndIncrement() & 0x7fffffff;
    }

    int newSecret() {
        return random.nextInt();
    }

    void register(PgSession session) {
        byPid.put(session.processId(), session);
    }

    void unregister(PgSession session) {
        byPid.remove(session.processId(), session);
    }

    /** Counts a new connection; returns the count including it. */
    int connectionOpened() {
        return connections.incrementAndGet();
    }

    void connectionClosed() {
        connections.decrementAndGet();
    }

    public int connectionCount() {
        return connections.get();
    }

    /**
     * A CancelRequest: cancels the session's running statement when pid and secret match. The
     * secret is compared in constant time so timing does not leak it; a mismatch is silently
     * ignored, as in PostgreSQL.
     */
    void cancel(int pid, int secret) {
        PgSession session = byPid.get(pid);
        if (session == null) {
            LOG.debug("cancel request for unknown process {}", pid);
            return;
        }
        if (!MessageDigest.isEqual(bytes(secret), bytes(session.secretKey()))) {
            LOG.warn("cancel request for process {} with a wrong key", pid);
            return;
        }
        session.cancelRunningStatement();
    }

    /** {@code pg_cancel_backend(pid)}: the caller was authorised by the engine. */
    boolean cancelByPid(int pid) {
        PgSession session = byPid.get(pid);
        if (session == null) {
            return false;
        }
        session.cancelRunningStatement();
        return true;
    }

    /** {@code pg_terminate_backend(pid)}: FATAL 57P01 to that session, then close. */
    boolean terminateByPid(int pid) {
        PgSession session = byPid.get(pid);
        if (session == null) {
            return false;
        }
        session.adminShutdown();
        return true;
    }

    /** Closes every session (server shutdown): FATAL 57P01 to each. */
    public void shutdownAll() {
        for (PgSession s : byPid.values()) {
            s.adminShutdown();
        }
    }

    private static byte[] bytes(int v) {
        return ByteBuffer.allocate(4).putInt(v).array();
    }
}
