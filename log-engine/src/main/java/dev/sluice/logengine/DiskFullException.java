package dev.sluice.logengine;

/** The disk is full (ENOSPC). The partial write was cut off; the log is intact and appends may be retried. */
public class DiskFullException extends LogStorageException {
    public DiskFullException(String message) {
        super(message);
    }

    public DiskFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
