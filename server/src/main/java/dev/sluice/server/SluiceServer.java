package dev.sluice.server;

import dev.sluice.pgwire.PgServer;
import dev.sluice.pgwire.PgServerConfig;
import dev.sluice.pgwire.auth.AuthMethod;
import dev.sluice.pgwire.auth.InMemoryUserStore;
import dev.sluice.server.auth.FileUserStore;
import dev.sluice.server.engine.SluiceEngine;
import dev.sluice.server.storage.Storage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Sluice server: owns the data-directory lock, the storage and the PostgreSQL port.
 *
 * <p>Start-up (numbered because the order matters):
 *
 * <ol>
 *   <li>Lock the data directory first, so that a second server on the same directory fails before
 *       it touches any file.
 *   <li>Read the users ({@code <data-dir>/users}); give the superuser the initial password
 *       ({@code SLUICE_PASSWORD}) if it has none yet; with password or SCRAM authentication and no
 *       user who has a password, fail and say how to create one (nobody could log in).
 *   <li>Open storage: the log (recovering it after a crash), the catalog, materialized state.
 *   <li>Listen on the port; a taken port fails start-up with a clear message, and everything opened
 *       before is closed again.
 * </ol>
 *
 * <p>Shutdown runs in reverse: stop accepting and end sessions, close storage (flushing state and
 * the log), release the lock.
 */
public final class SluiceServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SluiceServer.class);

    private final ServerConfig config;
    private final DataDirLock lock;
    private final Storage storage;
    private final PgServer pgServer;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean closed;

    private SluiceServer(ServerConfig config, DataDirLock lock, Storage storage, PgServer pgServer) {
        this.config = config;
        this.lock = lock;
        this.storage = storage;
        this.pgServer = pgServer;
    }

    /** Starts a server; on failure nothing stays locked, open or bound. */
    public static SluiceServer start(ServerConfig config) {
        return start(config, null);
    }

    /**
     * Starts a server; on failure nothing stays locked, open or bound.
     *
     * @param initialPassword the password the default superuser gets if it has none yet, or null
     */
    public static SluiceServer start(ServerConfig config, String initialPassword) {
        DataDirLock lock = DataDirLock.acquire(config.dataDir());
        Storage storage = null;
        try {
            FileUserStore users = openUsers(config, initialPassword);
            storage = Storage.open(config.dataDir(), config.logFlush(), config.queryStateCacheEntries());
            PgServerConfig d = PgServerConfig.defaults();
            PgServerConfig wire = new PgServerConfig(
                    config.host(),
                    config.port(),
                    d.maxConnections(),
                    d.maxMessageSize(),
                    config.tlsCert(),
                    config.tlsKey(),
                    config.auth(),
                    d.eventLoopThreads(),
                    d.workerThreads(),
                    d.idleSessionTimeout(),
                    d.authenticationTimeout());
            PgServer pg;
            try {
                pg = new PgServer(wire, new SluiceEngine(storage), users).start();
            } catch (PgServer.PgServerException e) {
                String reason = String.valueOf(e.getMessage());
                if (reason.startsWith("cannot load TLS certificate")) {
                    throw new StartupException(
                            "--tls-cert/--tls-key: " + reason.replace('\n', ' ')
                                    + " (expected a PEM certificate and its unencrypted PKCS#8 PEM key)",
                            e);
                }
                if (reason.contains("already in use")) {
                    throw new StartupException("cannot listen on " + config.host() + ":" + config.port()
                            + ": the port is already in use; stop the other process or choose another --port");
                }
                throw new StartupException(
                        "cannot listen on " + config.host() + ":" + config.port() + ": " + reason, e);
            }
            return new SluiceServer(config, lock, storage, pg);
        } catch (RuntimeException e) {
            if (storage != null) {
                try {
                    storage.close();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            try {
                lock.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static FileUserStore openUsers(ServerConfig config, String initialPassword) {
        FileUserStore users;
        try {
            users = FileUserStore.open(config.dataDir());
            String superuser = InMemoryUserStore.DEFAULT_SUPERUSER;
            if (initialPassword != null && !initialPassword.isEmpty()) {
                boolean hasPassword =
                        users.lookup(superuser).map(u -> u.credential() != null).orElse(false);
                if (hasPassword) {
                    LOG.info(
                            "SLUICE_PASSWORD ignored: user {} already has a password (change it with `sluice user add {}`"
                                    + " while the server is stopped)",
                            superuser,
                            superuser);
                } else {
                    users.setPassword(superuser, initialPassword, true);
                    LOG.info("user {} now has the password from SLUICE_PASSWORD", superuser);
                }
            }
        } catch (FileUserStore.UserStoreException e) {
            throw new StartupException(e.getMessage(), e);
        }
        String method = ServerConfig.authName(config.auth());
        if (config.auth() != AuthMethod.TRUST && !users.anyPassword()) {
            throw new StartupException("--auth " + method + " needs a user with a password, and there is none in "
                    + config.dataDir().toAbsolutePath() + ", so nobody could log in. Create one (the server must be"
                    + " stopped):\n  bin/sluice user add " + InMemoryUserStore.DEFAULT_SUPERUSER + " --data-dir "
                    + config.dataDir() + "\nor set SLUICE_PASSWORD for this start to give user "
                    + InMemoryUserStore.DEFAULT_SUPERUSER + " that password.");
        }
        if (config.auth() == AuthMethod.PASSWORD && !config.tls()) {
            LOG.warn("--auth password without TLS: passwords travel in clear text over the network; "
                    + "set --tls-cert/--tls-key or use --auth scram-sha-256 unless the network is trusted");
        }
        long withPassword =
                users.users().stream().filter(u -> u.credential() != null).count();
        LOG.info("authentication: {} ({} user(s) with a password)", method, withPassword);
        return users;
    }

    /** The address actually bound (the real port when the config asked for port 0). */
    public InetSocketAddress address() {
        return new InetSocketAddress(config.host(), pgServer.port());
    }

    public ServerConfig config() {
        return config;
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitTermination() throws InterruptedException {
        stopped.await();
    }

    /** Ends sessions, flushes and closes every file, releases the lock. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        LOG.info("Sluice stopping");
        try {
            pgServer.close();
        } catch (RuntimeException e) {
            LOG.warn("closing the PostgreSQL listener failed: {}", e.toString());
        }
        try {
            storage.close();
        } catch (RuntimeException e) {
            LOG.warn("closing storage failed: {}", e.toString());
        }
        try {
            lock.close();
        } catch (IOException e) {
            LOG.warn("could not release the data directory lock: {}", e.getMessage());
        }
        LOG.info("Sluice stopped");
        stopped.countDown();
    }
}
