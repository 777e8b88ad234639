package dev.sluice.logengine;

/** A batch that is well-formed but not acceptable here (no key on a compacted topic, a control batch from a client, ...). */
public class InvalidRecordException extends LogException {
    public InvalidRecordException(String message) {
        super(message);
    }

    public InvalidRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
