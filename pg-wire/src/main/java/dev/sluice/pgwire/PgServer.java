package dev.sluice.pgwire;

import dev.sluice.pgwire.auth.UserStore;
import dev.sluice.pgwire.engine.Engine;
import dev.sluice.pgwire.protocol.PgFrameDecoder;
import dev.sluice.pgwire.session.ConnectionHandler;
import dev.sluice.pgwire.session.ServerContext;
import dev.sluice.pgwire.session.SessionRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL endpoint: a Netty server whose connections talk to an {@link Engine}.
 *
 * <pre>
 * PgServer server = new PgServer(PgServerConfig.defaults(), engine, users);
 * server.start();            // binds; throws PgServerException if the port is taken
 * int port = server.port();  // the bound port (useful with port 0)
 * server.close();            // stops accepting, FATAL 57P01 to every session, stops threads
 * </pre>
 *
 * <p>Threads: {@code eventLoopThreads} Netty I/O threads (epoll when available, else NIO) only
 * frame bytes and move buffers; all session work runs on a fixed pool of {@code workerThreads}.
 * Each connection has at most one task queued on that pool at a time, so its queue is bounded by
 * the connection count.
 */
public final class PgServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PgServer.class);
    /** The only database. */
    public static final String DATABASE = "sluice";

    private final PgServerConfig config;
    private final Engine engine;
    private final UserStore users;
    private final SessionRegistry registry = new SessionRegistry();
    private EventLoopGroup bossGroup;
    private EventLoopGroup ioGroup;
    private ExecutorService workers;
    private Channel serverChannel;

    public PgServer(PgServerConfig config, Engine engine, UserStore users) {
        this.config = config;
        this.engine = engine;
        this.users = users;
    }

    /**
     * Binds and starts accepting connections.
     *
     * @throws PgServerException when the address is in use or TLS files cannot be read
     */
    public synchronized PgServer start() {
        if (serverChannel != null) {
            throw new IllegalStateException("already started");
        }
        SslContext ssl = sslContext();
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channelClass =
                epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        bossGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("sluice-pg-accept", true), io);
        ioGroup = new MultiThreadIoEventLoopGroup(
                config.eventLoopThreads(), new DefaultThreadFactory("sluice-pg-io", true), io);
        workers = new ThreadPoolExecutor(
                config.workerThreads(),
                config.workerThreads(),
                60,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                new DefaultThreadFactory("sluice-pg-worker", true));
        ServerContext context = new ServerContext(
                engine,
                users,
                config.authMethod(),
                registry,
                workers,
                DATABASE,
                config.maxConnections(),
                config.authenticationTimeout(),
                config.idleSessionTimeout(),
                ssl != null);
        ServerBootstrap bootstrap = keepalive(new ServerBootstrap(), epoll)
                .group(bossGroup, ioGroup)
                .channel(channelClass)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        long idle = config.idleSessionTimeout().toMillis();
                        if (idle > 0) {
                            ch.pipeline().addLast("idle", new IdleStateHandler(0, 0, idle, TimeUnit.MILLISECONDS));
                        }
                        ch.pipeline().addLast("frames", new PgFrameDecoder(config.maxMessageSize()));
                        ch.pipeline().addLast("session", new ConnectionHandler(context, ssl));
                    }
                });
        try {
            serverChannel = bootstrap.bind(config.host(), config.port()).sync().channel();
        } catch (Exception e) {
            shutdownThreads();
            if (e instanceof BindException || e.getCause() instanceof BindException) {
                throw new PgServerException(
                        "cannot listen on " + config.host() + ":" + config.port()
                                + ": the address is already in use (is another server running?)",
                        e);
            }
            throw new PgServerException("cannot listen on " + config.host() + ":" + config.port() + ": " + e, e);
        }
        LOG.info(
                "PostgreSQL protocol listening on {}:{} ({}, auth {}, tls {})",
                config.host(),
                port(),
                epoll ? "epoll" : "nio",
                config.authMethod(),
                ssl != null ? "on" : "off");
        return this;
    }

    /**
     * TCP keepalive tuned per connection ({@link PgServerConfig#tcpKeepalive}), so that a session
     * whose client vanished without a FIN is closed even while its push query has nothing to send:
     * after {@code idle} of silence the OS sends 3 probes {@code idle / 3} apart; unanswered, the
     * connection fails, Netty reports it inactive and the session releases its statement. The same
     * bound applies to data the client never acknowledges (TCP_USER_TIMEOUT).
     */
    private ServerBootstrap keepalive(ServerBootstrap bootstrap, boolean epoll) {
        bootstrap.childOption(ChannelOption.SO_KEEPALIVE, true);
        long idle = config.tcpKeepalive().toSeconds();
        if (idle == 0) {
            return bootstrap;
        }
        int interval = (int) Math.max(1, idle / 3);
        int probes = 3;
        int userTimeoutMs = (int) ((idle + (long) interval * probes) * 1000);
        if (epoll) {
            return bootstrap
                    .childOption(io.netty.channel.epoll.EpollChannelOption.TCP_KEEPIDLE, (int) idle)
                    .childOption(io.netty.channel.epoll.EpollChannelOption.TCP_KEEPINTVL, interval)
                    .childOption(io.netty.channel.epoll.EpollChannelOption.TCP_KEEPCNT, probes)
                    .childOption(io.netty.channel.epoll.EpollChannelOption.TCP_USER_TIMEOUT, userTimeoutMs);
        }
        try {
            return bootstrap
                    .childOption(
                            io.netty.channel.socket.nio.NioChannelOption.of(jdk.net.ExtendedSocketOptions.TCP_KEEPIDLE),
                            (int) idle)
                    .childOption(
                            io.netty.channel.socket.nio.NioChannelOption.of(
                                    jdk.net.ExtendedSocketOptions.TCP_KEEPINTERVAL),
                            interval)
                    .childOption(
                            io.netty.channel.socket.nio.NioChannelOption.of(
                                    jdk.net.ExtendedSocketOptions.TCP_KEEPCOUNT),
                            probes);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn(
                    "cannot tune TCP keepalive on this platform ({}); dead clients are found by the OS default",
                    e.toString());
            return bootstrap;
        }
    }

    private SslContext sslContext() {
        if (config.tlsCertPath() == null) {
            return null;
        }
        try {
            return SslContextBuilder.forServer(
                            config.tlsCertPath().toFile(), config.tlsKeyPath().toFile())
                    .build();
        } catch (Exception e) {
            throw new PgServerException(
                    "cannot load TLS certificate " + config.tlsCertPath() + " / key " + config.tlsKeyPath() + ": "
                            + e.getMessage(),
                    e);
        }
    }

    /** The bound port. */
    public int port() {
        if (serverChannel == null) {
            throw new IllegalStateException("not started");
        }
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    public PgServerConfig config() {
        return config;
    }

    /** Open client connections right now. */
    public int connectionCount() {
        return registry.connectionCount();
    }

    /** Stops accepting, tells every session the server is going away (57P01), stops all threads. */
    @Override
    public synchronized void close() {
        if (serverChannel == null) {
            return;
        }
        serverChannel.close().syncUninterruptibly();
        serverChannel = null;
        registry.shutdownAll();
        shutdownThreads();
        LOG.info("PostgreSQL protocol stopped");
    }

    private void shutdownThreads() {
        // workers first: sessions still write their FATAL 57P01 through the event loops
        if (workers != null) {
            workers.shutdown();
            try {
                if (!workers.awaitTermination(2, TimeUnit.SECONDS)) {
                    workers.shutdownNow();
                }
            } catch (InterruptedException e) {
                workers.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        if (bossGroup != null) {
            bossGroup.shutdownGracefully(0, 2000, TimeUnit.MILLISECONDS);
        }
        if (ioGroup != null) {
            ioGroup.shutdownGracefully(100, 2000, TimeUnit.MILLISECONDS).syncUninterruptibly();
        }
    }

    /** The server could not start. */
    public static final class PgServerException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public PgServerException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
