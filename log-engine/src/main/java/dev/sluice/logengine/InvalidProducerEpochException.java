package dev.sluice.logengine;

/** A producer epoch older than the partition has seen: the producer was fenced by a newer instance. */
public class InvalidProducerEpochException extends LogException {
    public InvalidProducerEpochException(String message) {
        super(message);
    }

    public InvalidProducerEpochException(String message, Throwable cause) {
        super(message, cause);
    }
}
