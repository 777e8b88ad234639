package dev.sluice.pgwire.engine;

import dev.sluice.common.SluiceException;

/**
 * Deferred writes (see {@link ExecutionContext#mayDeferWrites}) could not be made durable. The engine
 * throws it from {@link EngineSession#completeDeferredWrites}, or from {@link EngineSession#execute}
 * when it completes them before a statement that does not defer. pg-wire then takes back the
 * acknowledgements it holds for those writes (their CommandCompletes have not gone out yet) and
 * answers the first deferred statement with this error instead, as if it had failed there.
 */
public final class DeferredWriteException extends SluiceException {
    private static final long serialVersionUID = 1L;

    public DeferredWriteException(SluiceException cause) {
        super(
                cause.sqlState(),
                cause.getMessage(),
                cause.detail().orElse(null),
                cause.hint().orElse(null),
                NO_POSITION,
                cause);
    }
}
