package dev.sluice.logengine.record;

import dev.sluice.logengine.LogException;

/** Bytes that do not parse as a valid v2 batch or record, or whose CRC-32C does not match. */
public class CorruptRecordException extends LogException {
    public CorruptRecordException(String message) {
        super(message);
    }
}
