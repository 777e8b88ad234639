package dev.sluice.executor.codec;

import dev.sluice.common.SluiceException;
import dev.sluice.common.SqlState;

/** Bytes that do not decode as a row of the expected schema; never served as data. */
public final class CorruptRowException extends SluiceException {
    private static final long serialVersionUID = 1L;

    public CorruptRowException(String message) {
        super(SqlState.DATA_CORRUPTED, "corrupt row: " + message);
    }
}
