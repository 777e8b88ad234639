package dev.sluice.pgwire.session;

import dev.sluice.pgwire.protocol.FrontendMessage;

/**
 * An Execute message: runs the portal's statement the first time, or continues a suspended
 * portal's rows, up to {@code maxRows}. No ReadyForQuery: that waits for Sync.
 */
final class ExecuteJob implements Job {
    private final QueryProtocol protocol;
    private final Portal portal;
    private final int maxRows;
    private StatementJob current;
    private boolean started;

    ExecuteJob(QueryProtocol protocol, Portal portal, int maxRows) {
        this.protocol = protocol;
        this.portal = portal;
        this.maxRows = maxRows;
    }

    @Override
    public boolean resume() {
        if (!started) {
            started = true;
            try {
                current = protocol.startExecute(portal, maxRows);
            } catch (RuntimeException e) {
                protocol.reportError(Errors.toClient(e), true);
                return true;
            }
        }
        return current == null || current.resume();
    }

    @Override
    public boolean wantsInput() {
        return current != null && current.wantsInput();
    }

    @Override
    public void offer(FrontendMessage message) {
        current.offer(message);
    }

    @Override
    public void abandon() {
        if (current != null) {
            current.abandon();
        }
    }
}
