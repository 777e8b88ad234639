package dev.sluice.pgwire;

import dev.sluice.pgwire.auth.AuthMethod;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the PostgreSQL endpoint.
 *
 * @param host the address to bind ({@code 127.0.0.1}, {@code 0.0.0.0})
 * @param port the port; 0 picks a free one ({@link PgServer#port()} tells which)
 * @param maxConnections connections beyond this get FATAL 53300 "sorry, too many clients already"
 * @param maxMessageSize a frontend message longer than this closes the connection (54000)
 * @param tlsCertPath PEM certificate chain, or null for no TLS (SSLRequest answered 'N')
 * @param tlsKeyPath PEM PKCS#8 private key, or null
 * @param authMethod trust, password or SCRAM-SHA-256
 * @param eventLoopThreads Netty I/O threads
 * @param workerThreads threads that run session work (statements, COPY decoding); bounds how many
 *     statements execute at once, while any number of push queries may wait for rows
 * @param idleSessionTimeout an idle session (no statement running) silent this long is closed
 *     (57P05); zero for never
 * @param authenticationTimeout a connection that has not authenticated within this is closed
 * @param tcpKeepalive how long a connection may be silent before the OS probes whether the client is
 *     still there (TCP keepalive: then 3 probes {@code tcpKeepalive / 3} apart, and data the client
 *     does not acknowledge for as long fails the connection too, TCP_USER_TIMEOUT). A push query that
 *     has nothing to send for hours still learns of a vanished client (host down, network cut, no
 *     FIN) within about twice this, and its session and query are released. Zero leaves the OS
 *     defaults (about two hours on Linux).
 */
public record PgServerConfig(
        String host,
        int port,
        int maxConnections,
        int maxMessageSize,
        Path tlsCertPath,
        Path tlsKeyPath,
        AuthMethod authMethod,
        int eventLoopThreads,
        int workerThreads,
        Duration idleSessionTimeout,
        Duration authenticationTimeout,
        Duration tcpKeepalive) {

    public static final int DEFAULT_PORT = 5433;
    public static final Duration DEFAULT_TCP_KEEPALIVE = Duration.ofSeconds(30);

    /** A configuration with the default TCP keepalive. */
    public PgServerConfig(
            String host,
            int port,
            int maxConnections,
            int maxMessageSize,
            Path tlsCertPath,
            Path tlsKeyPath,
            AuthMethod authMethod,
            int eventLoopThreads,
            int workerThreads,
            Duration idleSessionTimeout,
            Duration authenticationTimeout) {
        this(
                host,
                port,
                maxConnections,
                maxMessageSize,
                tlsCertPath,
                tlsKeyPath,
                authMethod,
                eventLoopThreads,
                workerThreads,
                idleSessionTimeout,
                authenticationTimeout,
                DEFAULT_TCP_KEEPALIVE);
    }

    public PgServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(authMethod, "authMethod");
        Objects.requireNonNull(idleSessionTimeout, "idleSessionTimeout");
        Objects.requireNonNull(authenticationTimeout, "authenticationTimeout");
        Objects.requireNonNull(tcpKeepalive, "tcpKeepalive");
        if (tcpKeepalive.isNegative() || (!tcpKeepalive.isZero() && tcpKeepalive.toSeconds() < 3)) {
            throw new IllegalArgumentException(
                    "tcpKeepalive must be zero (OS default) or at least 3 s: " + tcpKeepalive);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
        }
        if (maxConnections < 1 || eventLoopThreads < 1 || workerThreads < 1) {
            throw new IllegalArgumentException("maxConnections, eventLoopThreads and workerThreads must be >= 1");
        }
        if (maxMessageSize < 1024) {
            throw new IllegalArgumentException("maxMessageSize must be at least 1024 bytes: " + maxMessageSize);
        }
        if ((tlsCertPath == null) != (tlsKeyPath == null)) {
            throw new IllegalArgumentException("TLS needs both a certificate and a key");
        }
    }

    /** Local defaults: 127.0.0.1:5433, trust, 100 connections, 64 MiB messages, no TLS. */
    public static PgServerConfig defaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new PgServerConfig(
                "127.0.0.1",
                DEFAULT_PORT,
                100,
                64 * 1024 * 1024,
                null,
                null,
                AuthMethod.TRUST,
                Math.max(1, Math.min(cores, 4)),
                Math.max(4, cores * 4),
                Duration.ZERO,
                Duration.ofSeconds(60));
    }

    public PgServerConfig withPort(int newPort) {
        return new PgServerConfig(
                host,
                newPort,
                maxConnections,
                maxMessageSize,
                tlsCertPath,
                tlsKeyPath,
                authMethod,
                eventLoopThreads,
                workerThreads,
                idleSessionTimeout,
                authenticationTimeout,
                tcpKeepalive);
    }

    public PgServerConfig withAuthMethod(AuthMethod method) {
        return new PgServerConfig(
                host,
                port,
                maxConnections,
                maxMessageSize,
                tlsCertPath,
                tlsKeyPath,
                method,
                eventLoopThreads,
                workerThreads,
                idleSessionTimeout,
                authenticationTimeout,
                tcpKeepalive);
    }

    public PgServerConfig withMaxConnections(int max) {
        return new PgServerConfig(
                host,
                port,
                max,
                maxMessageSize,
                tlsCertPath,
                tlsKeyPath,
                authMethod,
                eventLoopThreads,
                workerThreads,
                idleSessionTimeout,
                authenticationTimeout,
                tcpKeepalive);
    }

    public PgServerConfig withMaxMessageSize(int max) {
        return new PgServerConfig(
                host,
                port,
                maxConnections,
                max,
                tlsCertPath,
                tlsKeyPath,
                authMethod,
                eventLoopThreads,
                workerThreads,
                idleSessionTimeout,
                authenticationTimeout,
                tcpKeepalive);
    }

    public PgServerConfig withTls(Path cert, Path key) {
        return new PgServerConfig(
                host,
                port,
                maxConnections,
                maxMessageSize,
                cert,
                key,
                authMethod,
                eventLoopThreads,
                workerThreads,
                idleSessionTimeout,
                authenticationTimeout,
                tcpKeepalive);
    }

    public PgServerConfig withIdleSessionTimeout(Duration timeout) {
        return new PgServerConfig(
                host,
                port,
                maxConnections,
                maxMessageSize,
                tlsCertPath,
                tlsKeyPath,
                authMethod,
                eventLoopThreads,
                workerThreads,
                timeout,
                authenticationTimeout,
                tcpKeepalive);
    }

    public PgServerConfig withTcpKeepalive(Duration keepalive) {
        return new PgServerConfig(
                host,
                port,
                maxConnections,
                maxMessageSize,
                tlsCertPath,
                tlsKeyPath,
                authMethod,
                eventLoopThreads,
                workerThreads,
                idleSessionTimeout,
                authenticationTimeout,
                keepalive);
    }

    public PgServerConfig withThreads(int eventLoops, int workers) {
        return new PgServerConfig(
                host,
                port,
                maxConnections,
                maxMessageSize,
                tlsCertPath,
                tlsKeyPath,
                authMethod,
                eventLoops,
                workers,
                idleSessionTimeout,
                authenticationTimeout,
                tcpKeepalive);
    }
}
