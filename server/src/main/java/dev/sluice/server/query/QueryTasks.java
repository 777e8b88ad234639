package dev.sluice.server.query;

import dev.sluice.logengine.TopicPartition;
import dev.sluice.planner.catalog.Relation;
import dev.sluice.planner.stream.StreamPlan;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * A persistent query as one or more tasks ({@link TaskLayout}), so that it can use more than one core:
 *
 * <ul>
 *   <li>A query that keeps no state (filters, projections and unions over streams and sources) and
 *       writes no hidden row ids runs as several whole-plan tasks, each over every n-th source
 *       partition with a transaction and offsets of its own.
 *   <li>A query created split at an exchange by key ({@link StreamPlan#parallelExchange}, e.g. a
 *       GROUP BY over streams) runs in two stages: tasks below the exchange, each over every n-th
 *       source partition, write their rows into the query's repartition topic by key; tasks above it,
 *       one per repartition partition, each keep the state of the keys that hash there. Both stages
 *       commit in their own log transactions and the upper stage reads committed rows only, so a
 *       crash in either loses nothing and counts nothing twice.
 *   <li>Any other query is one task.
 * </ul>
 */
final class QueryTasks {
    /** Whole-plan tasks, or the tasks below the exchange. */
    private final List<PersistentQuery> tasks;
    /** The tasks above the exchange; empty for a query not split at one. */
    private final List<PersistentQuery> upper;

    QueryTasks(List<PersistentQuery> tasks) {
        this(tasks, List.of());
    }

    QueryTasks(List<PersistentQuery> tasks, List<PersistentQuery> upper) {
        this.tasks = List.copyOf(tasks);
        this.upper = List.copyOf(upper);
    }

    private List<PersistentQuery> all() {
        List<PersistentQuery> all = new java.util.ArrayList<>(tasks);
        all.addAll(upper);
        return all;
    }

    /** How many tasks a query gets: one per source partition up to {@code maxTasks}, if it may split. */
    static int taskCount(StreamPlan plan, boolean hiddenRowIds, int maxTasks) {
        if (hiddenRowIds || !plan.keepsNoState()) {
            return 1;
        }
        return sourceTasks(plan, maxTasks);
    }

    /** One task per source partition, up to {@code maxTasks} (one per core unless the query says). */
    static int sourceTasks(StreamPlan plan, int maxTasks) {
        return Math.max(1, Math.min(maxTasks, SourcePartitions.count(plan.sources())));
    }

    /** EXPLAIN id's lines about the tasks: how many, what each stage reads and where rows go. */
    String describeTasks() {
        if (upper.isEmpty()) {
            return tasks.size() == 1
                    ? "1 task\n"
                    : tasks.size() + " tasks over the source partitions (task t reads every " + tasks.size()
                            + "-th partition from t on)\n";
        }
        TaskLayout above = upper.get(0).layout();
        return size() + " tasks\n"
                + "  below the exchange: " + tasks.size() + " task(s) over the source partitions, writing to "
                + TaskLayout.exchangeTopic(output()) + " (" + above.count() + " partitions) by "
                + "hash of the key\n"
                + "  above the exchange: " + upper.size() + " task(s), one per partition of it, each keeping"
                + " the state of its keys\n";
    }

    int size() {
        return tasks.size() + upper.size();
    }

    String id() {
        return tasks.get(0).id();
    }

    Relation output() {
        return tasks.get(0).output();
    }

    StreamPlan plan() {
        return tasks.get(0).plan();
    }

    /** FAILED if a task failed, else the least advanced task's status. */
    PersistentQuery.Status status() {
        PersistentQuery.Status out = PersistentQuery.Status.RUNNING;
        for (PersistentQuery t : all()) {
            if (t.status() == PersistentQuery.Status.FAILED) {
                return PersistentQuery.Status.FAILED;
            }
            if (t.status().ordinal() < out.ordinal() || t.status() == PersistentQuery.Status.STOPPED) {
                out = t.status();
            }
        }
        return out;
    }

    String failure() {
        for (PersistentQuery t : all()) {
            if (t.failure() != null) {
                return t.failure();
            }
        }
        return null;
    }

    /** Source rows read (rows passed through the repartition topic are not counted again). */
    long processedRows() {
        return tasks.stream().mapToLong(PersistentQuery::processedRows).sum();
    }

    /** Per source partition, then per repartition partition: committed offset and lag. */
    Map<TopicPartition, long[]> progress() {
        Map<TopicPartition, long[]> out = new LinkedHashMap<>();
        all().forEach(t -> out.putAll(t.progress()));
        return out;
    }

    /** Upper tasks first, so the repartition topic is being read as soon as it is written. */
    void start() {
        upper.forEach(PersistentQuery::start);
        tasks.forEach(PersistentQuery::start);
    }

    /** Lower tasks first: the upper ones then stop at (or near) what the lower ones committed. */
    void stop() {
        tasks.forEach(PersistentQuery::stop);
        upper.forEach(PersistentQuery::stop);
    }

    /**
     * Waits for every task (each checks the partitions it reads) and merges what their outputs
     * reached; for a query split at an exchange, then for the upper tasks to have processed what the
     * lower tasks wrote into the repartition topic by then.
     */
    Map<TopicPartition, Long> awaitProcessed(Map<TopicPartition, Long> required, long deadlineNanos)
            throws TimeoutException, InterruptedException {
        Map<TopicPartition, Long> out = awaitAll(tasks, required, deadlineNanos);
        return upper.isEmpty() ? out : awaitAll(upper, out, deadlineNanos);
    }

    private static Map<TopicPartition, Long> awaitAll(
            List<PersistentQuery> tasks, Map<TopicPartition, Long> required, long deadlineNanos)
            throws TimeoutException, InterruptedException {
        Map<TopicPartition, Long> out = new HashMap<>();
        for (PersistentQuery t : tasks) {
            t.awaitProcessed(required, deadlineNanos).forEach((tp, o) -> out.merge(tp, o, Math::max));
        }
        return out;
    }
}
