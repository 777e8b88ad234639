package dev.sluice.logengine;

/** A fetch offset below the log start offset or above the high watermark (or last stable offset). */
public class OffsetOutOfRangeException extends LogException {
    public OffsetOutOfRangeException(String message) {
        super(message);
    }

    public OffsetOutOfRangeException(String message, Throwable cause) {
        super(message, cause);
    }
}
