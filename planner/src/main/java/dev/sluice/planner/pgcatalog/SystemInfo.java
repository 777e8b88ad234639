package dev.sluice.planner.pgcatalog;

import java.time.Instant;
import java.util.List;

/**
 * What the running server knows beyond the catalog: live sessions, persistent queries and topics.
 * The server implements it; the system tables ({@code pg_stat_activity}, {@code sluice_catalog.*})
 * read it each time they are scanned, so they always show the present.
 */
public interface SystemInfo {

    /**
     * One client session, as {@code pg_stat_activity} shows it.
     *
     * @param state {@code active} while a statement runs, else {@code idle}
     * @param query the running statement, or the last one when idle (empty before the first)
     */
    record SessionActivity(
            int processId,
            String user,
            String database,
            String applicationName,
            String clientAddress,
            Integer clientPort,
            Instant backendStart,
            Instant queryStart,
            String state,
            String query) {}

    /**
     * A persistent (continuous) query.
     *
     * @param id the query id ({@code TERMINATE id})
     * @param sink the relation it writes, or null
     * @param status e.g. RUNNING, FAILED
     * @param lag records not yet processed across all input partitions, or null when unknown
     */
    record QueryStatus(String id, String sql, String sink, String status, Long lag, String error) {}

    /** One partition of a topic: where its log starts and ends. */
    record TopicPartition(String topic, int partition, long startOffset, long endOffset) {}

    /** A topic of the log with its layout. */
    record Topic(String name, int partitions, int replicas, List<TopicPartition> offsets) {}

    /** Live sessions (including the caller's). */
    List<SessionActivity> sessions();

    /** Persistent queries; empty while the server runs none. */
    List<QueryStatus> queries();

    /** Every topic of the log. */
    List<Topic> topics();

    /** Sluice's own version, e.g. {@code 0.1.0-SNAPSHOT}. */
    String sluiceVersion();

    /** Server-wide settings shown in {@code pg_settings} beside the session's own (name to value). */
    default java.util.Map<String, String> serverSettings() {
        return READ_ONLY_SETTINGS;
    }

    /** PostgreSQL's preset options that clients read (pgjdbc's getMaxIndexKeys reads max_index_keys). */
    java.util.Map<String, String> READ_ONLY_SETTINGS = java.util.Map.of(
            "block_size", "8192",
            "lc_collate", "C.UTF-8",
            "lc_ctype", "C.UTF-8",
            "max_connections", "100",
            "max_function_args", "100",
            "max_identifier_length", "63",
            "max_index_keys", "32",
            "server_version", "15.0",
            "server_version_num", "150000");

    /** Nothing running: for compiling and testing without a server. */
    SystemInfo NONE = new SystemInfo() {
        @Override
        public List<SessionActivity> sessions() {
            return List.of();
        }

        @Override
        public List<QueryStatus> queries() {
            return List.of();
        }

        @Override
        public List<Topic> topics() {
            return List.of();
        }

        @Override
        public String sluiceVersion() {
            return "dev";
        }
    };
}
