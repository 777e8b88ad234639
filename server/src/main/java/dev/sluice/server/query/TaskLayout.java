package dev.sluice.server.query;

import dev.sluice.logengine.PartitionedLog;
import dev.sluice.planner.catalog.Relation;
import dev.sluice.planner.stream.StreamNode;
import java.nio.charset.StandardCharsets;

/**
 * Which part of a query's plan one task runs, what it reads, and where it checkpoints.
 *
 * <ul>
 *   <li>{@link Part#WHOLE}: the whole plan over every {@code count}-th source partition from {@code
 *       index} on. One task for a query with state; several for one without (see {@link QueryTasks}).
 *   <li>{@link Part#BELOW_EXCHANGE}: the stateless part below an exchange by key, over every {@code
 *       count}-th source partition; its rows go to the query's repartition topic.
 *   <li>{@link Part#ABOVE_EXCHANGE}: the part above it (the aggregate and what follows), over
 *       partition {@code index} of the repartition topic (of {@code count}); it owns the state of the
 *       keys that hash there.
 * </ul>
 *
 * <p>The query's state topic has partition 0 for whole-plan tasks and the tasks below an exchange
 * (their source offsets, one key per task), and partition {@code 1 + p} for the task above the
 * exchange that owns repartition partition {@code p}: a restore reads only its own partition.
 */
record TaskLayout(Part part, int index, int count, StreamNode.Exchange exchange) {
    /** Every task's offsets key starts with this (PersistentQuery scans the local copy for them). */
    static final byte[] OFFSETS_KEY = "\u00ff\u00ffoffsets".getBytes(StandardCharsets.ISO_8859_1);

    enum Part {
        WHOLE,
        BELOW_EXCHANGE,
        ABOVE_EXCHANGE
    }

    static TaskLayout whole(int index, int count) {
        return new TaskLayout(Part.WHOLE, index, count, null);
    }

    /** The one task that runs a whole query alone (the only layout with hidden row ids). */
    boolean single() {
        return part == Part.WHOLE && count == 1;
    }

    /** How logs name the task: empty for a query's only task. */
    String label() {
        return switch (part) {
            case WHOLE -> count == 1 ? "" : " task " + index + " of " + count;
            case BELOW_EXCHANGE -> " task " + index + " of " + count + " below the exchange";
            case ABOVE_EXCHANGE -> " partition " + index + " of " + count + " above the exchange";
        };
    }

    /** The query's repartition topic (for queries split at an exchange). */
    static String exchangeTopic(Relation output) {
        return PartitionedLog.SYSTEM_TOPIC_PREFIX + "query_" + output.oid() + "_exchange";
    }

    /** Fences an earlier instance of the same task; distinct per task, stable across runs. */
    String transactionalId(Relation output) {
        String base = "query-" + output.oid();
        return switch (part) {
            case WHOLE -> count == 1 ? base : base + "-t" + index;
            case BELOW_EXCHANGE -> base + "-t" + index;
            case ABOVE_EXCHANGE -> base + "-x" + index;
        };
    }

    int statePartition() {
        return part == Part.ABOVE_EXCHANGE ? 1 + index : 0;
    }

    /**
     * Where the task keeps its source offsets in its state partition. Tasks that share partition 0
     * have a key each; a restore merges them all, so the task count may change between runs.
     */
    byte[] offsetsKey() {
        if (single() || part == Part.ABOVE_EXCHANGE) {
            return OFFSETS_KEY;
        }
        byte[] suffix = ("-t" + index).getBytes(StandardCharsets.ISO_8859_1);
        byte[] key = java.util.Arrays.copyOf(OFFSETS_KEY, OFFSETS_KEY.length + suffix.length);
        System.arraycopy(suffix, 0, key, OFFSETS_KEY.length, suffix.length);
        return key;
    }

    static boolean isOffsetsKey(byte[] key) {
        return key.length >= OFFSETS_KEY.length
                && java.util.Arrays.equals(key, 0, OFFSETS_KEY.length, OFFSETS_KEY, 0, OFFSETS_KEY.length);
    }
}
