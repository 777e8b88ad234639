package dev.sluice.server.catalog;

import dev.sluice.common.SluiceException;
import dev.sluice.common.SqlState;
import dev.sluice.pgwire.engine.ExecutionContext;
import dev.sluice.pgwire.engine.SessionInfo;
import dev.sluice.planner.pgcatalog.SessionContext;
import dev.sluice.planner.pgcatalog.SystemInfo;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * A pull query's session: who runs it, and its settings, which live in pg-wire's session
 * parameters ({@code SET} and {@code set_config()} write the same place, so ParameterStatus goes
 * out either way).
 */
public final class EngineSessionContext implements SessionContext {
    private final SessionInfo info;
    private final ExecutionContext context;
    private final SystemInfo system;
    private final Map<String, String> defaults;

    /**
     * @param defaults the settings {@code SHOW ALL} knows, with their default values
     */
    public EngineSessionContext(
            SessionInfo info, ExecutionContext context, SystemInfo system, Map<String, String> defaults) {
        this.info = info;
        this.context = context;
        this.system = system;
        this.defaults = defaults;
    }

    @Override
    public String user() {
        return info.user();
    }

    @Override
    public String database() {
        return info.database();
    }

    @Override
    public int processId() {
        return info.processId();
    }

    @Override
    public String setting(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        String v = context == null ? null : context.parameter(n);
        if (v == null) {
            v = defaults.get(n);
        }
        if (v == null) {
            v = switch (n) {
                case "server_version_num" -> "150000";
                case "max_identifier_length" -> "63";
                case "max_connections" -> "100";
                default -> null;
            };
        }
        return v;
    }

    @Override
    public String setSetting(String name, String value) {
        if (context != null) {
            context.setParameter(name, value);
        }
        String now = setting(name);
        return now == null ? value : now;
    }

    @Override
    public List<String> settingNames() {
        TreeSet<String> names = new TreeSet<>(defaults.keySet());
        names.addAll(List.of(
                "server_version",
                "server_version_num",
                "integer_datetimes",
                "is_superuser",
                "session_authorization",
                "max_identifier_length"));
        return List.copyOf(names);
    }

    @Override
    public SystemInfo system() {
        return system;
    }

    @Override
    public boolean cancelBackend(int processId) {
        checkMaySignal(processId, "cancel query");
        return context != null && context.cancelBackend(processId);
    }

    @Override
    public boolean terminateBackend(int processId) {
        checkMaySignal(processId, "terminate process");
        return context != null && context.terminateBackend(processId);
    }

    /** As PostgreSQL: a superuser may signal any session, anyone else only sessions of its own role. */
    private void checkMaySignal(int processId, String what) {
        if (info.superuser()) {
            return;
        }
        for (SystemInfo.SessionActivity s : system.sessions()) {
            if (s.processId() == processId && !s.user().equals(info.user())) {
                throw new SluiceException(
                        SqlState.INSUFFICIENT_PRIVILEGE,
                        "permission denied to " + what,
                        "Only roles with privileges of the role whose query is being canceled may do this.",
                        null,
                        0,
                        null);
            }
        }
    }
}
