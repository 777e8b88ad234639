package dev.sluice.server.query;

import dev.sluice.logengine.TopicPartition;
import dev.sluice.planner.catalog.Relation;
import dev.sluice.planner.stream.StreamNode;
import dev.sluice.planner.stream.StreamPlan;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * A persistent query as one or more tasks over its source partitions. A query that keeps no state
 * (filters, projections and unions over streams and sources) and writes no hidden row ids runs as
 * several tasks, each over every n-th source partition with a transaction and offsets of its own, so
 * it uses more than one core. Any other query is one task: a group aggregate would need an exchange
 * by key first (see docs/continuous-queries.md).
 */
final class QueryTasks {
    private final List<PersistentQuery> tasks;

    QueryTasks(List<PersistentQuery> tasks) {
        this.tasks = List.copyOf(tasks);
    }

    /** How many tasks a query gets: one per source partition up to one per core, if it may split. */
    static int taskCount(StreamPlan plan, boolean hiddenRowIds) {
        if (hiddenRowIds || !stateless(plan.root())) {
            return 1;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        return Math.max(1, Math.min(cores, SourcePartitions.count(plan.sources())));
    }

    private static boolean stateless(StreamNode node) {
        if (node instanceof StreamNode.Source) {
            return true;
        }
        if (!(node instanceof StreamNode.Calc) && !(node instanceof StreamNode.Union)) {
            return false;
        }
        for (StreamNode in : node.inputs()) {
            if (!stateless(in)) {
                return false;
            }
        }
        return true;
    }

    int size() {
        return tasks.size();
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
        for (PersistentQuery t : tasks) {
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
        for (PersistentQuery t : tasks) {
            if (t.failure() != null) {
                return t.failure();
            }
        }
        return null;
    }

    long processedRows() {
        return tasks.stream().mapToLong(PersistentQuery::processedRows).sum();
    }

    Map<TopicPartition, long[]> progress() {
        Map<TopicPartition, long[]> out = new LinkedHashMap<>();
        tasks.forEach(t -> out.putAll(t.progress()));
        return out;
    }

    void start() {
        tasks.forEach(PersistentQuery::start);
    }

    void stop() {
        tasks.forEach(PersistentQuery::stop);
    }

    /** Waits for every task (each checks the partitions it reads); merges what their outputs reached. */
    Map<TopicPartition, Long> awaitProcessed(Map<TopicPartition, Long> required, long deadlineNanos)
            throws TimeoutException, InterruptedException {
        Map<TopicPartition, Long> out = new HashMap<>();
        for (PersistentQuery t : tasks) {
            t.awaitProcessed(required, deadlineNanos).forEach((tp, o) -> out.merge(tp, o, Math::max));
        }
        return out;
    }
}
