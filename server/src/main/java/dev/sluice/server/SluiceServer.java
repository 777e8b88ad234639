package dev.sluice.server;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Sluice server: owns the data-directory lock and the listening port.
 *
 * <p>Start-up (numbered because the order matters):
 *
 * <ol>
 *   <li>Lock the data directory first, so that a second server on the same directory fails before
 *       it touches any file.
 *   <li>Bind the port; a taken port fails start-up with a clear message and releases the lock.
 * </ol>
 *
 * <p>Until the PostgreSQL protocol is wired in, the bound socket only reserves the port:
 * connections wait in the backlog.
 */
public final class SluiceServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SluiceServer.class);

    private final ServerConfig config;
    private final DataDirLock lock;
    private final ServerSocketChannel listener;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean closed;

    private SluiceServer(ServerConfig config, DataDirLock lock, ServerSocketChannel listener) {
        this.config = config;
        this.lock = lock;
        this.listener = listener;
    }

    /** Starts a server; on failure nothing stays locked or bound. */
    public static SluiceServer start(ServerConfig config) {
        DataDirLock lock = DataDirLock.acquire(config.dataDir());
        try {
            ServerSocketChannel listener = bind(config);
            return new SluiceServer(config, lock, listener);
        } catch (RuntimeException e) {
            try {
                lock.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static ServerSocketChannel bind(ServerConfig config) {
        ServerSocketChannel channel = null;
        try {
            channel = ServerSocketChannel.open();
            channel.bind(new InetSocketAddress(config.host(), config.port()), 128);
            return channel;
        } catch (BindException e) {
            closeQuietly(channel);
            throw new StartupException(
                    "cannot listen on " + config.host() + ":" + config.port() + ": the port is already in use ("
                            + e.getMessage() + "); stop the other process or choose another --port");
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw new StartupException(
                    "cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(ServerSocketChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the bind error is the one worth reporting
            }
        }
    }

    /** The address actually bound (the real port when the config asked for port 0). */
    public InetSocketAddress address() {
        try {
            return (InetSocketAddress) listener.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("listener is closed", e);
        }
    }

    public ServerConfig config() {
        return config;
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitTermination() throws InterruptedException {
        stopped.await();
    }

    /** Stops accepting, flushes and closes every file, releases the lock. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        LOG.info("Sluice stopping");
        closeQuietly(listener);
        try {
            lock.close();
        } catch (IOException e) {
            LOG.warn("could not release the data directory lock: {}", e.getMessage());
        }
        LOG.info("Sluice stopped");
        stopped.countDown();
    }
}
