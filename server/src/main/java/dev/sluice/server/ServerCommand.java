package dev.sluice.server;

import dev.sluice.logengine.FlushPolicy;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/** {@code sluice server}: runs a server in the foreground until SIGTERM or Ctrl-C. */
@Command(
        name = "server",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a Sluice server in the foreground.",
            "Every option can also be set as an environment variable SLUICE_<OPTION> "
                    + "(e.g. SLUICE_DATA_DIR) or in the --config properties file (e.g. data-dir=...)."
        },
        sortOptions = false)
final class ServerCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServerCommand.class);
    /** The password the default superuser gets when it has none yet (read from the environment only). */
    static final String INITIAL_PASSWORD_ENV = "SLUICE_PASSWORD";

    @Option(
            names = "--host",
            paramLabel = "ADDRESS",
            defaultValue = ServerConfig.DEFAULT_HOST,
            description = "Address to listen on (default: ${DEFAULT-VALUE}; env SLUICE_HOST).")
    String host;

    @Option(
            names = {"-p", "--port"},
            paramLabel = "PORT",
            defaultValue = "" + ServerConfig.DEFAULT_PORT,
            description = "PostgreSQL protocol port (default: ${DEFAULT-VALUE}; env SLUICE_PORT).")
    int port;

    @Option(
            names = {"-D", "--data-dir"},
            paramLabel = "DIR",
            defaultValue = ServerConfig.DEFAULT_DATA_DIR,
            description = "Directory for all data; locked while the server runs "
                    + "(default: ${DEFAULT-VALUE}; env SLUICE_DATA_DIR).")
    Path dataDir;

    @Option(
            names = "--log-flush",
            paramLabel = "POLICY",
            defaultValue = "os",
            description = "When the log fsyncs: os (acknowledged writes survive a server crash), always (they also "
                    + "survive a power loss; group commit) or interval (every second) (default: ${DEFAULT-VALUE}; "
                    + "env SLUICE_LOG_FLUSH).")
    String logFlush;

    @Option(
            names = "--auth",
            paramLabel = "METHOD",
            defaultValue = "trust",
            description = "How clients log in: trust (any existing user, no password; for local use), password "
                    + "(cleartext password; only over TLS or a trusted network) or scram-sha-256 "
                    + "(default: ${DEFAULT-VALUE}; env SLUICE_AUTH). Users and passwords: `sluice user add NAME` "
                    + "with the server stopped; on a first start, SLUICE_PASSWORD sets the password of user sluice.")
    String auth;

    @Option(
            names = "--tls-cert",
            paramLabel = "FILE",
            description = "PEM certificate (chain) for TLS; with --tls-key, clients may connect with TLS "
                    + "(psql sslmode=require, pgjdbc ssl=true) (env SLUICE_TLS_CERT). Without it, no TLS.")
    Path tlsCert;

    @Option(
            names = "--tls-key",
            paramLabel = "FILE",
            description = "PEM private key (PKCS#8, unencrypted) of --tls-cert (env SLUICE_TLS_KEY).")
    Path tlsKey;

    @Option(
            names = "--query-state-cache-entries",
            paramLabel = "N",
            defaultValue = "" + ServerConfig.DEFAULT_QUERY_STATE_CACHE_ENTRIES,
            description = "Per stateful operator of a persistent query (GROUP BY, table normalize): how many "
                    + "unchanged groups or keys stay in memory between checkpoints; the others are read from the "
                    + "query's RocksDB state when needed, so state may be larger than the heap "
                    + "(default: ${DEFAULT-VALUE}; env SLUICE_QUERY_STATE_CACHE_ENTRIES).")
    int queryStateCacheEntries;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Properties file with option defaults, one 'name=value' per line "
                    + "(env SLUICE_CONFIG). Flags and SLUICE_* variables win over it.")
    Path config;

    @Override
    public Integer call() throws InterruptedException {
        FlushPolicy flush;
        try {
            flush = FlushPolicy.valueOf(logFlush.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new StartupException("--log-flush must be os, always or interval, not '" + logFlush + "'");
        }
        ServerConfig serverConfig = new ServerConfig(
                host, port, dataDir, flush, ServerConfig.parseAuth(auth), tlsCert, tlsKey, queryStateCacheEntries);
        CountDownLatch stop = new CountDownLatch(1);
        // Handle SIGTERM and SIGINT ourselves instead of relying on shutdown hooks: the JVM exits
        // with 143/130 after a signal-driven shutdown, while an orderly stop must exit 0. They are
        // installed before start-up so that a signal during recovery also ends in an orderly stop.
        Signal.handle(new Signal("TERM"), s -> stop.countDown());
        Signal.handle(new Signal("INT"), s -> stop.countDown());
        SluiceServer server = SluiceServer.start(serverConfig, System.getenv(INITIAL_PASSWORD_ENV));
        // Any other way the JVM goes down (System.exit elsewhere, SIGHUP) still closes files.
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "sluice-shutdown"));
        var address = server.address();
        LOG.info("Sluice ready on {}:{}", address.getHostString(), address.getPort());
        stop.await();
        server.close();
        return 0;
    }
}
