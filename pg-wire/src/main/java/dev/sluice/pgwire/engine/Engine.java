package dev.sluice.pgwire.engine;

/**
 * The database behind the protocol: the server module implements it with the real Sluice engine,
 * pg-wire's tests with a small fake. pg-wire calls {@link #openSession} once per connection after
 * authentication succeeded; see {@link dev.sluice.pgwire.engine the package documentation} for the
 * whole contract.
 */
public interface Engine {
    /**
     * Opens the engine side of a new client session.
     *
     * <p>Called on a pg-wire worker thread (never on a Netty event loop), so it may block briefly.
     *
     * @throws dev.sluice.common.SluiceException to refuse the session; the client receives it as a
     *     FATAL ErrorResponse and is disconnected
     */
    EngineSession openSession(SessionInfo info);
}
