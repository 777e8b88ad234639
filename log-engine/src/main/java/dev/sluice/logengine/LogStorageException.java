package dev.sluice.logengine;

/** An I/O failure of the storage. The partition was left without a partial batch. */
public class LogStorageException extends LogException {
    public LogStorageException(String message) {
        super(message);
    }

    public LogStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
