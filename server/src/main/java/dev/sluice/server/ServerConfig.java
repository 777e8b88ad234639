package dev.sluice.server;

import dev.sluice.logengine.FlushPolicy;
import dev.sluice.pgwire.auth.AuthMethod;
import dev.sluice.server.storage.Storage;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything a server needs to start, already validated.
 *
 * @param host the address to listen on
 * @param port the PostgreSQL port (0 picks a free one, for tests)
 * @param dataDir where every file of this server lives
 * @param logFlush when the log fsyncs: {@code os} (acknowledged writes survive a crash of the
 *     process), {@code always} (they also survive a power loss; group commit keeps it fast)
 * @param auth how clients authenticate: trust (the default), cleartext password or SCRAM-SHA-256
 *     against the users in {@code <dataDir>/users}
 * @param tlsCert PEM certificate chain the server presents to clients that ask for TLS, or null for
 *     no TLS (clients that ask are told 'N' and continue in plaintext or give up, by their sslmode)
 * @param tlsKey the PEM private key (PKCS#8, unencrypted) of {@code tlsCert}, or null
 * @param queryStateCacheEntries per stateful operator of a persistent query (aggregate, normalize):
 *     how many unchanged state entries (groups, keys) stay on the heap between checkpoints; the rest
 *     is read from the query's local RocksDB copy when needed (see docs/continuous-queries.md)
 */
public record ServerConfig(
        String host,
        int port,
        Path dataDir,
        FlushPolicy logFlush,
        AuthMethod auth,
        Path tlsCert,
        Path tlsKey,
        int queryStateCacheEntries) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 5433;
    public static final String DEFAULT_DATA_DIR = "./sluice-data";
    public static final int DEFAULT_QUERY_STATE_CACHE_ENTRIES = Storage.DEFAULT_QUERY_STATE_CACHE_ENTRIES;

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(logFlush, "logFlush");
        Objects.requireNonNull(auth, "auth");
        if (port < 0 || port > 65535) {
            throw new StartupException("--port must be between 0 and 65535, not " + port);
        }
        if (queryStateCacheEntries < 1) {
            throw new StartupException("--query-state-cache-entries must be at least 1, not " + queryStateCacheEntries);
        }
        if (tlsCert == null && tlsKey != null) {
            throw new StartupException("--tls-key needs --tls-cert too (the certificate the key belongs to)");
        }
        if (tlsCert != null && tlsKey == null) {
            throw new StartupException("--tls-cert needs --tls-key too (the certificate's private key)");
        }
        if (tlsCert != null) {
            requireReadable("--tls-cert", tlsCert);
            requireReadable("--tls-key", tlsKey);
        }
    }

    /** A configuration with the default state cache. */
    public ServerConfig(
            String host, int port, Path dataDir, FlushPolicy logFlush, AuthMethod auth, Path tlsCert, Path tlsKey) {
        this(host, port, dataDir, logFlush, auth, tlsCert, tlsKey, DEFAULT_QUERY_STATE_CACHE_ENTRIES);
    }

    /** A configuration with no TLS. */
    public ServerConfig(String host, int port, Path dataDir, FlushPolicy logFlush, AuthMethod auth) {
        this(host, port, dataDir, logFlush, auth, null, null);
    }

    /** A configuration with trust authentication and no TLS. */
    public ServerConfig(String host, int port, Path dataDir, FlushPolicy logFlush) {
        this(host, port, dataDir, logFlush, AuthMethod.TRUST);
    }

    /** Whether clients can ask for TLS. */
    public boolean tls() {
        return tlsCert != null;
    }

    private static void requireReadable(String flag, Path file) {
        if (!java.nio.file.Files.exists(file)) {
            throw new StartupException(flag + " " + file + ": no such file");
        }
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new StartupException(flag + " " + file + ": not a regular file");
        }
        if (!java.nio.file.Files.isReadable(file)) {
            throw new StartupException(flag + " " + file + ": not readable by this user (check its permissions)");
        }
    }

    /**
     * Parses {@code --auth}: {@code trust}, {@code password} or {@code scram-sha-256} (any case).
     *
     * @throws StartupException naming the valid values
     */
    public static AuthMethod parseAuth(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        return switch (t) {
            case "trust" -> AuthMethod.TRUST;
            case "password" -> AuthMethod.PASSWORD;
            case "scram-sha-256", "scram" -> AuthMethod.SCRAM_SHA_256;
            case "md5" -> throw new StartupException("--auth md5 is not supported; use scram-sha-256");
            default ->
                throw new StartupException("--auth must be trust, password or scram-sha-256, not '" + text + "'");
        };
    }

    /** The spelling {@code --auth} takes. */
    public static String authName(AuthMethod method) {
        return switch (method) {
            case TRUST -> "trust";
            case PASSWORD -> "password";
            case SCRAM_SHA_256 -> "scram-sha-256";
        };
    }
}
