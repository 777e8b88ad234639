package dev.sluice.server.engine;

import dev.sluice.common.SluiceException;
import dev.sluice.common.SqlState;
import dev.sluice.pgwire.engine.EngineSession;
import dev.sluice.pgwire.engine.ExecutionContext;
import dev.sluice.pgwire.engine.PreparedStatementInfo;
import dev.sluice.pgwire.engine.Result;
import dev.sluice.sql.SqlParser;
import dev.sluice.sql.ast.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's session. Parse time: the statement is parsed and planned, and the plan is the
 * prepared statement's handle. Execute time: the plan runs with the bound parameters.
 */
final class SluiceSession implements EngineSession {
    private static final Logger LOG = LoggerFactory.getLogger(SluiceSession.class);

    private final SessionState state;
    private final StatementPlanner planner;

    private final Runnable onClose;
    /** Statement text by plan, for {@code pg_stat_activity.query}. */
    private final java.util.Map<Object, String> texts =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    SluiceSession(SessionState state, StatementPlanner planner) {
        this(state, planner, () -> {});
    }

    SluiceSession(SessionState state, StatementPlanner planner, Runnable onClose) {
        this.state = state;
        this.planner = planner;
        this.onClose = onClose;
    }

    @Override
    public PreparedStatementInfo prepare(String sql, int[] parameterTypeOids) {
        Statement statement = SqlParser.parseStatement(sql);
        StatementPlan plan;
        QueryPlans.PREPARING_SEARCH_PATH.set(QueryPlans.searchPath(
                state, state.searchPathSetting(), state.storage().catalog().snapshot()));
        try {
            plan = planner.plan(statement, sql, parameterTypeOids);
        } finally {
            QueryPlans.PREPARING_SEARCH_PATH.remove();
        }
        texts.put(plan, sql);
        // FETCH's columns are the cursor's, which pg-wire knows: name the cursor so Describe finds them.
        String fetchCursor = statement instanceof dev.sluice.sql.ast.Fetch f ? f.cursor() : null;
        return new PreparedStatementInfo(plan.kind(), plan.parameterTypes(), plan.resultColumns(), plan, fetchCursor);
    }

    @Override
    public Result execute(PreparedStatementInfo statement, Object[] parameters, ExecutionContext context) {
        state.cancelFlag().set(false);
        var activity = state.activity();
        long token = activity == null ? 0 : activity.started(texts.getOrDefault(statement.handle(), ""), context);
        boolean streaming = false;
        try {
            StatementPlan plan = (StatementPlan) statement.handle();
            if (!plan.defersWrites()) {
                state.deferredWrites().complete();
            }
            Result result = plan.execute(state, parameters, context);
            if (activity != null) {
                // pg_stat_activity: a push query or COPY TO STDOUT stays active while it streams.
                Result tracked = ClosingRowSource.untilClosed(result, () -> activity.finished(token));
                streaming = tracked != result;
                result = tracked;
            }
            return result;
        } catch (SluiceException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warn("statement failed unexpectedly", e);
            throw new SluiceException(SqlState.INTERNAL_ERROR, "internal error: " + e, e);
        } finally {
            if (activity != null && !streaming) {
                activity.finished(token);
            }
            // What the next prepare compiles with (SET search_path took effect just now).
            state.searchPathSetting(context.parameter("search_path"));
        }
    }

    @Override
    public void completeDeferredWrites() {
        state.deferredWrites().complete(); // fails with a DeferredWriteException
    }

    @Override
    public boolean hasDeferredWrites() {
        return !state.deferredWrites().isEmpty();
    }

    @Override
    public long deferredWriteCompletions() {
        return state.deferredWrites().completions();
    }

    @Override
    public void cancel() {
        state.cancelFlag().set(true);
    }

    @Override
    public void close() {
        state.cancelFlag().set(true);
        state.deferredWrites().discard(); // never acknowledged: the client did not see their results
        onClose.run();
    }
}
