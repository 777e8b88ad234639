package dev.sluice.server.engine;

import dev.sluice.pgwire.engine.Engine;
import dev.sluice.pgwire.engine.EngineSession;
import dev.sluice.pgwire.engine.SessionInfo;
import dev.sluice.planner.calcite.PullQueryCompiler;
import dev.sluice.server.catalog.ActiveSessions;
import dev.sluice.server.catalog.ServerSystemInfo;
import dev.sluice.server.storage.Storage;

/** The engine pg-wire talks to: one per server, a {@link SluiceSession} per connection. */
public final class SluiceEngine implements Engine {
    private final Storage storage;
    private final StatementPlanner planner;
    private final ActiveSessions sessions = new ActiveSessions();
    private final ServerSystemInfo system;

    public SluiceEngine(Storage storage) {
        this.storage = storage;
        this.planner = new StatementPlanner(storage, new PullQueryCompiler(storage.reader()));
        this.system = new ServerSystemInfo(storage, sessions);
    }

    @Override
    public EngineSession openSession(SessionInfo info) {
        ActiveSessions.Entry activity = sessions.open(info);
        return new SluiceSession(
                new SessionState(info, storage, system, activity), planner, () -> sessions.close(activity));
    }
}
