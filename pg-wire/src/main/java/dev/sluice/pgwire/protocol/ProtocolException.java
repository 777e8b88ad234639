package dev.sluice.pgwire.protocol;

import dev.sluice.common.SluiceException;
import dev.sluice.common.SqlState;

/**
 * A client broke the framing or sent a malformed message. The connection cannot be trusted to be
 * in sync any more, so it ends with a FATAL ErrorResponse.
 */
public final class ProtocolException extends SluiceException {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(SqlState.PROTOCOL_VIOLATION, message);
    }

    public ProtocolException(String sqlState, String message) {
        super(sqlState, message);
    }
}
