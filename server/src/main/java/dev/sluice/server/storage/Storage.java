package dev.sluice.server.storage;

import dev.sluice.common.SluiceException;
import dev.sluice.common.SqlState;
import dev.sluice.executor.state.ChangelogMaterializer;
import dev.sluice.executor.state.StateStore;
import dev.sluice.logengine.CleanupPolicy;
import dev.sluice.logengine.FlushPolicy;
import dev.sluice.logengine.LogException;
import dev.sluice.logengine.TopicSpec;
import dev.sluice.logengine.embedded.EmbeddedLog;
import dev.sluice.logengine.embedded.EmbeddedLogConfig;
import dev.sluice.planner.calcite.RelationReader;
import dev.sluice.planner.catalog.Catalog;
import dev.sluice.planner.catalog.CatalogChange;
import dev.sluice.planner.catalog.Relation;
import dev.sluice.planner.catalog.TopicSettings;
import dev.sluice.server.query.QueryManager;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The log, the catalog, materialized state and their upkeep, for one server. */
public final class Storage implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Storage.class);
    /**
     * A million groups per operator: Nexmark's count per auction (763,747 groups after 10 M events)
     * stays entirely on the heap, as it did before read-through state, at roughly 100 bytes a group.
     */
    public static final int DEFAULT_QUERY_STATE_CACHE_ENTRIES = 1_000_000;

    private final EmbeddedLog log;
    private final StateStore state;
    private final Catalog catalog = new Catalog();
    private final CatalogStore catalogStore;
    private final RowWriter writer;
    private final StorageReader reader;
    private final ExecutorService materializerPool;
    private final Map<Long, ChangelogMaterializer> materializers = new ConcurrentHashMap<>();
    private final QueryManager queries;
    private final int queryStateCacheEntries;

    private Storage(Path dataDir, FlushPolicy flush, int queryStateCacheEntries) {
        long started = System.nanoTime();
        this.queryStateCacheEntries = queryStateCacheEntries;
        this.log = EmbeddedLog.open(
                dataDir.resolve("log"), EmbeddedLogConfig.defaults().withFlush(flush, 1000));
        this.catalogStore = new CatalogStore(log);
        catalog.replay(catalogStore.readAll());
        this.state = StateStore.open(dataDir.resolve("state"));
        this.writer = new RowWriter(log);
        this.reader = new StorageReader(log, state);
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        this.materializerPool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "sluice-materializer");
            t.setDaemon(true);
            return t;
        });
        removeOrphans();
        for (Relation r : catalog.snapshot().relations()) {
            if (r.kind().isKeyed()) {
                startMaterializer(r);
            }
        }
        this.queries = new QueryManager(this);
        queries.startAll();
        LOG.info(
                "Storage open: {} relation(s) in {} ms",
                catalog.snapshot().relations().size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    public static Storage open(Path dataDir, FlushPolicy flush) {
        return open(dataDir, flush, DEFAULT_QUERY_STATE_CACHE_ENTRIES);
    }

    /**
     * @param queryStateCacheEntries per stateful operator of a persistent query with a local state
     *     copy: unchanged entries kept on the heap between checkpoints (see {@code
     *     dev.sluice.server.ServerConfig#queryStateCacheEntries})
     */
    public static Storage open(Path dataDir, FlushPolicy flush, int queryStateCacheEntries) {
        return new Storage(dataDir, flush, queryStateCacheEntries);
    }

    /**
     * A crash between creating a relation's topic and committing its catalog entry (or between
     * committing a DROP and deleting the topic) leaves a topic or state nothing refers to.
     */
    private void removeOrphans() {
        Set<String> topics = new HashSet<>();
        Set<Long> oids = new HashSet<>();
        for (Relation r : catalog.snapshot().relations()) {
            topics.add(r.topic());
            oids.add(r.oid());
        }
        for (String topic : log.listTopics()) {
            if (!topics.contains(topic)) {
                LOG.info("Removing topic {}: no catalog entry refers to it (left by an interrupted DDL)", topic);
                log.deleteTopic(topic).join();
            }
        }
        for (long oid : state.relations()) {
            if (!oids.contains(oid)) {
                state.drop(oid);
            }
        }
        // A query's state topic whose relation or sink is gone (a crash between DROP's catalog commit
        // and the topic's deletion).
        String queryTopics = dev.sluice.logengine.PartitionedLog.SYSTEM_TOPIC_PREFIX + "query_";
        for (String topic : log.listSystemTopics()) {
            if (topic.startsWith(queryTopics)) {
                String oid = topic.substring(queryTopics.length());
                if (oid.endsWith("_exchange")) {
                    oid = oid.substring(0, oid.length() - "_exchange".length()); // a repartition topic
                }
                if (!oid.isEmpty() && oid.chars().allMatch(Character::isDigit) && !oids.contains(Long.parseLong(oid))) {
                    LOG.info("Removing {}: the query it kept state for is gone (left by an interrupted DROP)", topic);
                    log.deleteTopic(topic).join();
                }
            }
        }
    }

    /** The persistent queries behind derived streams, tables and views. */
    public QueryManager queries() {
        return queries;
    }

    public Catalog catalog() {
        return catalog;
    }

    public RelationReader reader() {
        return reader;
    }

    public RowWriter writer() {
        return writer;
    }

    public EmbeddedLog log() {
        return log;
    }

    public StateStore state() {
        return state;
    }

    /** Per stateful operator of a persistent query: unchanged state entries kept on the heap. */
    public int queryStateCacheEntries() {
        return queryStateCacheEntries;
    }

    /** The materializer of a table or view, for read-your-writes waits. */
    public Optional<ChangelogMaterializer> materializer(long oid) {
        return Optional.ofNullable(materializers.get(oid));
    }

    /**
     * Creates a relation: its topic first, then the catalog entry as the commit point. If the catalog
     * append fails the topic is removed again; a crash in between leaves an orphan topic that the
     * next start removes.
     */
    public synchronized void create(Relation relation) {
        if (!relation.kind().hasTopic()) {
            // A source or a sink: nothing in the log but its catalog entry (and a sink's query state).
            catalogStore.append(List.of(new CatalogChange.Put(relation)));
            catalog.apply(new CatalogChange.Put(relation));
            return;
        }
        if (log.describeTopic(relation.topic()).isPresent()) {
            // Only an orphan can have this name: relation topics are unique in the catalog.
            log.deleteTopic(relation.topic()).join();
        }
        try {
            log.createTopic(relation.topic(), spec(relation.topicSettings())).join();
        } catch (RuntimeException e) {
            throw storageError("cannot create topic " + relation.topic(), e);
        }
        try {
            catalogStore.append(List.of(new CatalogChange.Put(relation)));
        } catch (RuntimeException e) {
            log.deleteTopic(relation.topic());
            throw storageError("cannot record " + relation.name().displayName() + " in the catalog", e);
        }
        catalog.apply(new CatalogChange.Put(relation));
        if (relation.kind().isKeyed()) {
            startMaterializer(relation);
        }
    }

    /** Records a changed catalog entry of an existing relation (e.g. its query was terminated). */
    public synchronized void update(Relation relation) {
        catalogStore.append(List.of(new CatalogChange.Put(relation)));
        catalog.apply(new CatalogChange.Put(relation));
    }

    /**
     * Drops relations (dependents first, as {@link Catalog#planDrop} orders them): their queries stop
     * first, then the catalog entries go, then topics and state.
     */
    public synchronized void drop(List<Relation> relations) {
        if (relations.isEmpty()) {
            return;
        }
        queries.stopFor(relations);
        catalogStore.append(relations.stream()
                .map(r -> (CatalogChange) new CatalogChange.Remove(r.name()))
                .toList());
        for (Relation r : relations) {
            catalog.apply(new CatalogChange.Remove(r.name()));
            ChangelogMaterializer m = materializers.remove(r.oid());
            if (m != null) {
                m.close();
            }
            if (!r.kind().hasTopic()) {
                continue;
            }
            try {
                log.deleteTopic(r.topic()).join();
                state.drop(r.oid());
            } catch (RuntimeException e) {
                // The catalog no longer refers to them; the next start removes what is left.
                LOG.warn("could not remove the data of {}: {}", r.name(), e.toString());
            }
        }
        queries.dropState(relations);
    }

    private void startMaterializer(Relation r) {
        ChangelogMaterializer m = new ChangelogMaterializer(
                log, r.topic(), r.topicSettings().partitions(), state.table(r.oid()), materializerPool);
        materializers.put(r.oid(), m);
        m.start();
    }

    private static TopicSpec spec(TopicSettings s) {
        TopicSpec d = TopicSpec.of(s.partitions());
        return new TopicSpec(
                s.partitions(),
                s.compacted() ? CleanupPolicy.COMPACT : CleanupPolicy.DELETE,
                s.retentionMs(),
                s.retentionBytes(),
                Math.min(d.segmentBytes(), 256 << 20), // smaller segments: retention frees space sooner
                d.segmentMs(),
                d.deleteRetentionMs());
    }

    private static SluiceException storageError(String message, RuntimeException e) {
        Throwable cause = e.getCause() instanceof LogException ? e.getCause() : e;
        String sqlState =
                cause instanceof dev.sluice.logengine.DiskFullException ? SqlState.DISK_FULL : SqlState.IO_ERROR;
        return new SluiceException(sqlState, message + ": " + cause.getMessage(), cause);
    }

    /** Stops materializers, flushes state and closes the log. */
    @Override
    public synchronized void close() {
        queries.close();
        materializers.values().forEach(ChangelogMaterializer::close);
        materializerPool.shutdown();
        try {
            materializerPool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        state.close();
        log.close();
    }
}
