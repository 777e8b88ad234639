package dev.sluice.logengine;

/** A topic with that name already exists. */
public class TopicExistsException extends LogException {
    public TopicExistsException(String message) {
        super(message);
    }

    public TopicExistsException(String message, Throwable cause) {
        super(message, cause);
    }
}
