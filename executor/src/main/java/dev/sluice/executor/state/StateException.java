package dev.sluice.executor.state;

import dev.sluice.common.SluiceException;
import dev.sluice.common.SqlState;

/** RocksDB failed underneath a state operation. */
public final class StateException extends SluiceException {
    private static final long serialVersionUID = 1L;

    public StateException(String message, Throwable cause) {
        super(SqlState.IO_ERROR, message, cause);
    }
}
