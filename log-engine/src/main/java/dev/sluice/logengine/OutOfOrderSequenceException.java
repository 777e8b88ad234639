package dev.sluice.logengine;

/** An idempotent producer's batch whose sequence is neither the next expected one nor a retry of a recent batch. */
public class OutOfOrderSequenceException extends LogException {
    public OutOfOrderSequenceException(String message) {
        super(message);
    }

    public OutOfOrderSequenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
