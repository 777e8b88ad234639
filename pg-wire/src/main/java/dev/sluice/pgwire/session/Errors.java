package dev.sluice.pgwire.session;

import dev.sluice.common.SluiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns anything an engine throws into what the client sees. A bug in the engine (a
 * NullPointerException, say) becomes ERROR XX000 for that statement, not a dropped connection.
 */
final class Errors {
    private static final Logger LOG = LoggerFactory.getLogger(Errors.class);

    private Errors() {}

    static SluiceException toClient(RuntimeException e) {
        if (e instanceof SluiceException s) {
            return s;
        }
        LOG.warn("statement failed with an unexpected exception", e);
        return SluiceException.internal("internal error: " + e, e);
    }
}
