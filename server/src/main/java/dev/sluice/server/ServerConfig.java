package dev.sluice.server;

import dev.sluice.logengine.FlushPolicy;
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
 */
public record ServerConfig(String host, int port, Path dataDir, FlushPolicy logFlush) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 5433;
    public static final String DEFAULT_DATA_DIR = "./sluice-data";

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(logFlush, "logFlush");
        if (port < 0 || port > 65535) {
            throw new StartupException("--port must be between 0 and 65535, not " + port);
        }
    }
}
