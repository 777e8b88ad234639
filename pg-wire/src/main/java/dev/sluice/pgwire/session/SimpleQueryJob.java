package dev.sluice.pgwire.session;

import dev.sluice.common.SluiceException;
import dev.sluice.pgwire.engine.StatementText;
import dev.sluice.pgwire.protocol.BackendMessages;
import dev.sluice.pgwire.protocol.FrontendMessage;
import java.util.List;

/**
 * A simple Query message: its statements run in order, each answered on its own, one
 * ReadyForQuery at the end.
 *
 * <pre>
 * client                 server
 *   Query "s1; s2"  -&gt;
 *                   &lt;-  [RowDescription DataRow*] CommandComplete     (s1)
 *                   &lt;-  [RowDescription DataRow*] CommandComplete     (s2)
 *                   &lt;-  ReadyForQuery
 * an error in s1:   &lt;-  ErrorResponse ReadyForQuery                   (s2 is not run)
 * only comments:    &lt;-  EmptyQueryResponse ReadyForQuery
 * </pre>
 */
final class SimpleQueryJob implements Job {
    private final QueryProtocol protocol;
    private final List<StatementText> statements;
    private int next;
    private StatementJob current;
    private boolean stopped;
    private boolean sawStatement;

    SimpleQueryJob(QueryProtocol protocol, List<StatementText> statements) {
        this.protocol = protocol;
        this.statements = statements;
    }

    @Override
    public boolean resume() {
        while (true) {
            if (current != null) {
                if (!current.resume()) {
                    return false;
                }
                stopped |= current.failed();
                current = null;
            }
            if (stopped || next >= statements.size()) {
                Output out = protocol.session().output();
                if (!sawStatement) {
                    BackendMessages.empty(out.buf(), 'I');
                }
                BackendMessages.readyForQuery(out.buf(), protocol.transactionStatus());
                out.flush();
                return true;
            }
            StatementText statement = statements.get(next++);
            if (statement.empty()) {
                continue;
            }
            sawStatement = true;
            if (next > 1) {
                protocol.session().restartStatementTimer();
            }
            try {
                current = protocol.runSimple(statement);
            } catch (RuntimeException e) {
                protocol.reportError(shift(Errors.toClient(e), statement.offset()), false);
                stopped = true;
            }
        }
    }

    /** Positions are relative to the statement; psql's caret needs them relative to the whole query. */
    private static SluiceException shift(SluiceException e, int offset) {
        if (offset == 0 || e.position().isEmpty()) {
            return e;
        }
        return e.withPosition(e.position().getAsInt() + offset);
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
