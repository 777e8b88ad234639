package dev.sluice.pgwire.session;

/** A job running one statement; {@link #failed()} tells a multi-statement query to stop. */
abstract class StatementJob implements Job {
    protected boolean failed;

    boolean failed() {
        return failed;
    }
}
