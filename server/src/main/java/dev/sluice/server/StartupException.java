package dev.sluice.server;

/**
 * The server cannot start, for a reason the operator can fix (port taken, data directory locked,
 * bad configuration). {@link Main} prints the message alone, without a stack trace, and exits 1.
 */
public final class StartupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
