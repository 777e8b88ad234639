package dev.sluice.logengine;

/** The log (or partition) was closed or deleted. */
public class LogClosedException extends LogException {
    public LogClosedException(String message) {
        super(message);
    }

    public LogClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
