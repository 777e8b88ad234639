package dev.sluice.executor.stream;

/** State bytes that {@link ValueCodec} cannot decode: a corrupt or foreign value. */
public final class CorruptValueException extends RuntimeException {
    public CorruptValueException(String message) {
        super(message);
    }
}
