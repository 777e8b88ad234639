package dev.sluice.pgwire.session;

import dev.sluice.pgwire.auth.AuthMethod;
import dev.sluice.pgwire.auth.UserStore;
import dev.sluice.pgwire.engine.Engine;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * What every session of one server shares.
 *
 * @param workers the bounded pool that runs session work (never the event loop)
 * @param database the only database name accepted
 * @param authTimeout how long a connection may take to authenticate
 * @param idleSessionTimeout how long an idle session (no statement running) may stay silent; zero
 *     for no limit
 * @param tls whether the server has a certificate, so clients can switch to TLS ({@code SHOW ssl})
 */
public record ServerContext(
        Engine engine,
        UserStore users,
        AuthMethod authMethod,
        SessionRegistry registry,
        Executor workers,
        String database,
        int maxConnections,
        Duration authTimeout,
        Duration idleSessionTimeout,
        boolean tls) {

    /** A context of a server without TLS. */
    public ServerContext(
            Engine engine,
            UserStore users,
            AuthMethod authMethod,
            SessionRegistry registry,
            Executor workers,
            String database,
            int maxConnections,
            Duration authTimeout,
            Duration idleSessionTimeout) {
        this(
                engine,
                users,
                authMethod,
                registry,
                workers,
                database,
                maxConnections,
                authTimeout,
                idleSessionTimeout,
                false);
    }
}
