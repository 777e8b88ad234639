package dev.sluice.logengine;

/** A transactional operation that does not fit the producer's transaction state. */
public class InvalidTxnStateException extends LogException {
    public InvalidTxnStateException(String message) {
        super(message);
    }

    public InvalidTxnStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
