package dev.sluice.planner.pgcatalog;

import java.util.List;

/**
 * The session a pull query runs in, as the catalog functions ({@code current_user}, {@code
 * current_setting}, {@code set_config}, ...) and session-aware system tables ({@code pg_settings},
 * {@code pg_stat_activity}) see it. Passed to each execution, never captured at compile time, so a
 * prepared statement cached across {@code SET}s sees the current values.
 */
public interface SessionContext {
    String user();

    String database();

    int processId();

    /** A setting's current value ({@code SHOW name}), or null when there is no such setting. */
    String setting(String name);

    /** {@code set_config(name, value, is_local)}: sets it for the session; returns the new value. */
    String setSetting(String name, String value);

    /** The names {@code SHOW ALL} and {@code pg_settings} list. */
    List<String> settingNames();

    SystemInfo system();

    /** {@code pg_cancel_backend(pid)}: cancels another session's running statement; false for an unknown pid. */
    default boolean cancelBackend(int processId) {
        return false;
    }

    /** {@code pg_terminate_backend(pid)}: ends another session; false for an unknown pid. */
    default boolean terminateBackend(int processId) {
        return false;
    }

    /** A session with default settings, for tests and for queries run without a client. */
    static SessionContext defaults(String user) {
        java.util.Map<String, String> values = new java.util.concurrent.ConcurrentHashMap<>();
        values.put("search_path", "\"$user\", public");
        values.put("server_version", "15.0");
        values.put("server_version_num", "150000");
        values.put("timezone", "UTC");
        values.put("datestyle", "ISO, MDY");
        values.put("client_encoding", "UTF8");
        values.put("server_encoding", "UTF8");
        values.put("standard_conforming_strings", "on");
        values.put("integer_datetimes", "on");
        return new SessionContext() {
            @Override
            public String user() {
                return user;
            }

            @Override
            public String database() {
                return "sluice";
            }

            @Override
            public int processId() {
                return 0;
            }

            @Override
            public String setting(String name) {
                return values.get(name.toLowerCase(java.util.Locale.ROOT));
            }

            @Override
            public String setSetting(String name, String value) {
                values.put(name.toLowerCase(java.util.Locale.ROOT), value);
                return value;
            }

            @Override
            public List<String> settingNames() {
                return List.copyOf(new java.util.TreeSet<>(values.keySet()));
            }

            @Override
            public SystemInfo system() {
                return SystemInfo.NONE;
            }
        };
    }
}
