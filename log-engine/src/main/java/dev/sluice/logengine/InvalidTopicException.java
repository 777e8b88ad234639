package dev.sluice.logengine;

/** A topic name or spec that cannot be used (bad characters, zero partitions, ...). */
public class InvalidTopicException extends LogException {
    public InvalidTopicException(String message) {
        super(message);
    }

    public InvalidTopicException(String message, Throwable cause) {
        super(message, cause);
    }
}
