package dev.sluice.planner.sql;

import java.time.LocalDateTime;

/** PostgreSQL's timestamp input syntax, shared by literals and by value assignment in DML. */
public final class Timestamps {
    private Timestamps() {}

    /**
     * Parses {@code YYYY-MM-DD[( |T)HH:MM[:SS[.f]]][offset]}; with {@code withZone}, an offset is
     * applied and the result is in UTC (no offset means UTC).
     *
     * @throws java.time.format.DateTimeParseException when the text is not a timestamp
     */
    public static LocalDateTime parse(String text, boolean withZone) {
        return Literals.parseTimestamp(text, withZone);
    }
}
