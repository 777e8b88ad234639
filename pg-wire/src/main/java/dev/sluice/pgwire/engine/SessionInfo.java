package dev.sluice.pgwire.engine;

import java.net.SocketAddress;
import java.util.Map;

/**
 * Who opened a session.
 *
 * @param processId the backend process id pg-wire reported in BackendKeyData (what {@code
 *     pg_backend_pid()} should return)
 * @param user the authenticated user name
 * @param database the database name (always {@code sluice} today)
 * @param superuser whether the user is a superuser
 * @param startupParameters every key/value of the StartupMessage (application_name, TimeZone, ...)
 * @param remoteAddress the client's address, for logs and {@code pg_stat_activity}
 */
public record SessionInfo(
        int processId,
        String user,
        String database,
        boolean superuser,
        Map<String, String> startupParameters,
        SocketAddress remoteAddress) {
    public SessionInfo {
        startupParameters = Map.copyOf(startupParameters);
    }
}
