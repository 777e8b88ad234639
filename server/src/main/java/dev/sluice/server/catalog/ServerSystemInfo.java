package dev.sluice.server.catalog;

import dev.sluice.logengine.PartitionInfo;
import dev.sluice.planner.pgcatalog.SystemInfo;
import dev.sluice.server.query.QueryManager;
import dev.sluice.server.storage.Storage;
import java.util.ArrayList;
import java.util.List;

/** The running server as the system tables see it: sessions, topics, persistent queries. */
public final class ServerSystemInfo implements SystemInfo {
    private final Storage storage;
    private final ActiveSessions sessions;
    private final String version;

    public ServerSystemInfo(Storage storage, ActiveSessions sessions) {
        this.storage = storage;
        this.sessions = sessions;
        String v = ServerSystemInfo.class.getPackage().getImplementationVersion();
        this.version = v == null ? "development build" : v;
    }

    @Override
    public List<SessionActivity> sessions() {
        return sessions.activities();
    }

    /** The query manager's persistent queries (what SHOW QUERIES lists). */
    @Override
    public List<QueryStatus> queries() {
        List<QueryStatus> out = new ArrayList<>();
        for (QueryManager.QueryInfo q : storage.queries().list()) {
            String status = q.status();
            String error = null;
            if (status.startsWith("FAILED: ")) {
                error = status.substring("FAILED: ".length());
                status = "FAILED";
            }
            out.add(new QueryStatus(
                    q.id(), q.output().createSql(), q.output().name().displayName(), status, q.totalLag(), error));
        }
        return out;
    }

    @Override
    public List<Topic> topics() {
        List<Topic> out = new ArrayList<>();
        for (String name : storage.log().listTopics()) {
            storage.log().describeTopic(name).ifPresent(d -> {
                List<TopicPartition> parts = new ArrayList<>();
                for (PartitionInfo p : d.partitions()) {
                    parts.add(new TopicPartition(name, p.partition(), p.logStartOffset(), p.highWatermark()));
                }
                out.add(new Topic(name, d.partitions().size(), 1, parts));
            });
        }
        return out;
    }

    @Override
    public String sluiceVersion() {
        return version;
    }
}
