package dev.sluice.logengine.record;

/** A record header: a UTF-8 key and an optional byte value ({@code null} is allowed). */
public record Header(String key, byte[] value) {
    public Header {
        if (key == null) {
            throw new IllegalArgumentException("header key must not be null");
        }
    }
}
