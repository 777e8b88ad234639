package dev.sluice.pgwire.session;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The session's run-time parameters (GUCs). The ones PostgreSQL marks GUC_REPORT go to the client
 * as ParameterStatus at startup and whenever they change; clients check several of them (pgjdbc
 * closes the connection unless client_encoding is UTF8 and DateStyle starts with ISO).
 */
final class SessionParameters {
    /** psql picks its {@code \d} SQL and pgjdbc its catalog SQL by this; we emulate PostgreSQL 15's catalog. */
    static final String SERVER_VERSION = "15.0";

    private static final List<String> REPORTED = List.of(
            "application_name",
            "client_encoding",
            "DateStyle",
            "default_transaction_read_only",
            "in_hot_standby",
            "integer_datetimes",
            "IntervalStyle",
            "is_superuser",
            "server_encoding",
            "server_version",
            "session_authorization",
            "standard_conforming_strings",
            "TimeZone");

    /** Keyed case-insensitively, keeping the canonical spelling for ParameterStatus. */
    private final Map<String, String> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    private volatile ZoneId zone = ZoneOffset.UTC;
    private volatile long statementTimeoutMillis;

    SessionParameters(String user, boolean superuser, Map<String, String> startup) {
        values.put("server_version", SERVER_VERSION);
        values.put("server_encoding", "UTF8");
        values.put("client_encoding", "UTF8");
        values.put("DateStyle", "ISO, MDY");
        values.put("IntervalStyle", "postgres");
        values.put("TimeZone", "UTC");
        values.put("integer_datetimes", "on");
        values.put("standard_conforming_strings", "on");
        values.put("application_name", "");
        values.put("is_superuser", superuser ? "on" : "off");
        values.put("session_authorization", user);
        values.put("default_transaction_read_only", "off");
        values.put("in_hot_standby", "off");
        values.put("search_path", "\"$user\", public");
        values.put("extra_float_digits", "1");
        values.put(StatementTimeout.NAME, "0");
        for (Map.Entry<String, String> e : startup.entrySet()) {
            String key = e.getKey();
            if (key.equals("user") || key.equals("database") || key.equals("replication") || key.startsWith("_pq_.")) {
                continue;
            }
            if (key.equals("options")) {
                applyOptions(e.getValue());
            } else {
                set(key, e.getValue());
            }
        }
    }

    /** {@code options=-c search_path=x -c TimeZone=UTC}. */
    private void applyOptions(String options) {
        String[] tokens = options.trim().split("\\s+");
        for (int i = 0; i < tokens.length; i++) {
            String kv = tokens[i];
            if (kv.equals("-c") && i + 1 < tokens.length) {
                kv = tokens[++i];
            } else if (kv.startsWith("--")) {
                kv = kv.substring(2);
            } else {
                continue;
            }
            int eq = kv.indexOf('=');
            if (eq > 0) {
                set(kv.substring(0, eq).replace('-', '_'), kv.substring(eq + 1));
            }
        }
    }

    /** Sets a value; returns the canonical name if the client must hear of it, else null. */
    synchronized String set(String name, String value) {
        if (name.equalsIgnoreCase("client_encoding")) {
            value = "UTF8"; // everything is sent as UTF-8; clients that asked for 'auto' or 'UNICODE' get the truth
        } else if (name.equalsIgnoreCase("DateStyle")
                && value.toUpperCase(Locale.ROOT).startsWith("ISO")) {
            value = "ISO, MDY";
        } else if (name.equalsIgnoreCase("TimeZone")) {
            zone = parseZone(value);
        } else if (name.equalsIgnoreCase(StatementTimeout.NAME)) {
            statementTimeoutMillis = StatementTimeout.parseMillis(value);
            value = StatementTimeout.format(statementTimeoutMillis);
        }
        values.put(name, value);
        for (String reported : REPORTED) {
            if (reported.equalsIgnoreCase(name)) {
                return reported;
            }
        }
        return null;
    }

    synchronized String get(String name) {
        return values.get(name);
    }

    /** The reported parameters in a stable order, for the startup burst of ParameterStatus. */
    synchronized Map<String, String> reported() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : REPORTED) {
            out.put(name, values.get(name));
        }
        return out;
    }

    /** {@code statement_timeout} in milliseconds; 0 for none. */
    long statementTimeoutMillis() {
        return statementTimeoutMillis;
    }

    ZoneId zone() {
        return zone;
    }

    private static ZoneId parseZone(String value) {
        String v = value.trim();
        if (v.startsWith("'") && v.endsWith("'") && v.length() >= 2) {
            v = v.substring(1, v.length() - 1);
        }
        try {
            return ZoneId.of(v);
        } catch (RuntimeException e) {
            try {
                return ZoneId.of(v.toUpperCase(Locale.ROOT));
            } catch (RuntimeException e2) {
                return ZoneOffset.UTC;
            }
        }
    }
}
