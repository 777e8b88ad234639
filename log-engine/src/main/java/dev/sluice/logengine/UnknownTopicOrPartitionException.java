package dev.sluice.logengine;

/** The topic does not exist, or the partition is outside its partition count. */
public class UnknownTopicOrPartitionException extends LogException {
    public UnknownTopicOrPartitionException(String message) {
        super(message);
    }

    public UnknownTopicOrPartitionException(String message, Throwable cause) {
        super(message, cause);
    }
}
