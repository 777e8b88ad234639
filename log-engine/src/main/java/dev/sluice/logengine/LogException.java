package dev.sluice.logengine;

/**
 * Root of the log engine's errors. Unchecked: callers see them through {@code CompletableFuture}s
 * as well as directly. Each subclass names one condition a caller can act on.
 */
public class LogException extends RuntimeException {
    public LogException(String message) {
        super(message);
    }

    public LogException(String message, Throwable cause) {
        super(message, cause);
    }
}
