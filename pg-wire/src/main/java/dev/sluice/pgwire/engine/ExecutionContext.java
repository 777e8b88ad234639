package dev.sluice.pgwire.engine;

/**
 * What a running statement may ask of its session. Implemented by pg-wire; valid during {@link
 * EngineSession#execute} and, for results that stream, until the result ends.
 */
public interface ExecutionContext {
    /** True once the client cancelled the statement or disconnected. Long loops should check it. */
    boolean isCancelled();

    /** Sends a NoticeResponse (a warning or an info message) to the client right away. */
    void notice(Notice notice);

    /** A session parameter's current value ({@code SHOW name}), or null when unknown. Case-insensitive. */
    String parameter(String name);

    /**
     * Sets a session parameter ({@code SET name = value}). Parameters clients track (TimeZone,
     * application_name, DateStyle, ...) go out as ParameterStatus; TimeZone also changes how
     * pg-wire renders TIMESTAMPTZ values.
     */
    void setParameter(String name, String value);

    /**
     * True when the statement runs in an extended-protocol pipeline outside a transaction block:
     * its outcome reaches the client only after {@link EngineSession#completeDeferredWrites}, so
     * the engine may acknowledge a write now and make it durable together with the pipeline's
     * other writes there (a JDBC batch of INSERTs becomes one append instead of one per row).
     */
    default boolean mayDeferWrites() {
        return false;
    }

    /** Current transaction state: 'I' idle, 'T' in a block, 'E' failed block. */
    char transactionStatus();

    /**
     * {@code pg_cancel_backend(pid)}: cancels the statement another session runs, as a
     * CancelRequest would. The engine checks the caller may do this. Returns false for an unknown
     * pid.
     */
    boolean cancelBackend(int processId);

    /** {@code pg_terminate_backend(pid)}: ends another session (FATAL 57P01). False for an unknown pid. */
    boolean terminateBackend(int processId);
}
