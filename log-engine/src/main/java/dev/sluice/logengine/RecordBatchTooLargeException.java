package dev.sluice.logengine;

/** A batch larger than the configured maximum batch size; nothing was written. */
public class RecordBatchTooLargeException extends LogException {
    public RecordBatchTooLargeException(String message) {
        super(message);
    }

    public RecordBatchTooLargeException(String message, Throwable cause) {
        super(message, cause);
    }
}
