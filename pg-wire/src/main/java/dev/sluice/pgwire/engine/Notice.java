package dev.sluice.pgwire.engine;

import java.util.Objects;

/**
 * A NoticeResponse.
 *
 * @param severity WARNING, NOTICE, INFO, DEBUG or LOG
 * @param sqlState e.g. {@code 01000} for a warning, {@code 00000} for a notice
 * @param message the text
 * @param detail optional detail
 * @param hint optional hint
 */
public record Notice(String severity, String sqlState, String message, String detail, String hint) {
    public Notice {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(sqlState, "sqlState");
        Objects.requireNonNull(message, "message");
    }

    public static Notice notice(String message, String hint) {
        return new Notice("NOTICE", "00000", message, null, hint);
    }

    public static Notice warning(String message) {
        return new Notice("WARNING", "01000", message, null, null);
    }
}
