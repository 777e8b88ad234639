package dev.sluice.server.catalog;

import dev.sluice.pgwire.engine.ExecutionContext;
import dev.sluice.pgwire.engine.SessionInfo;
import dev.sluice.planner.pgcatalog.SystemInfo.SessionActivity;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Every open session and what it runs now, for {@code pg_stat_activity}. */
public final class ActiveSessions {
    /** One session's entry; updated by its own worker thread, read by anyone's query. */
    public static final class Entry {
        private final SessionInfo info;
        private final Instant backendStart = Instant.now();
        private volatile Instant queryStart;
        private volatile String state = "idle";
        private volatile String query = "";
        private volatile ExecutionContext context;

        Entry(SessionInfo info) {
            this.info = info;
        }

        /** Counts statements, so that a streaming result that ends late cannot mark a newer one idle. */
        private final java.util.concurrent.atomic.AtomicLong statements = new java.util.concurrent.atomic.AtomicLong();

        /**
         * A statement starts running.
         *
         * @return its token for {@link #finished(long)}
         */
        public long started(String sql, ExecutionContext context) {
            long token = statements.incrementAndGet();
            this.context = context;
            this.query = sql;
            this.queryStart = Instant.now();
            this.state = "active";
            return token;
        }

        /**
         * The statement of {@code token} is over: it returned, or the streaming result it returned
         * (a push query, a COPY TO STDOUT) was closed. Ignored when a later statement has started.
         */
        public void finished(long token) {
            if (statements.get() == token) {
                this.state = "idle";
            }
        }

        SessionActivity activity() {
            String app = null;
            ExecutionContext c = context;
            if (c != null) {
                app = c.parameter("application_name");
            }
            if (app == null) {
                app = info.startupParameters().getOrDefault("application_name", "");
            }
            String address = null;
            Integer port = null;
            if (info.remoteAddress() instanceof InetSocketAddress a) {
                address = a.getAddress() == null
                        ? a.getHostString()
                        : a.getAddress().getHostAddress();
                port = a.getPort();
            }
            return new SessionActivity(
                    info.processId(),
                    info.user(),
                    info.database(),
                    app,
                    address,
                    port,
                    backendStart,
                    queryStart,
                    state,
                    query);
        }
    }

    private final ConcurrentMap<Entry, Boolean> entries = new ConcurrentHashMap<>();

    public Entry open(SessionInfo info) {
        Entry e = new Entry(info);
        entries.put(e, Boolean.TRUE);
        return e;
    }

    public void close(Entry e) {
        entries.remove(e);
    }

    public List<SessionActivity> activities() {
        List<SessionActivity> out = new ArrayList<>();
        for (Entry e : entries.keySet()) {
            out.add(e.activity());
        }
        out.sort(Comparator.comparingInt(SessionActivity::processId));
        return out;
    }
}
