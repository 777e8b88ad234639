package dev.sluice.sql.ast;

/** The unit of a {@link Duration}; SQL accepts singular and plural spellings alike. */
public enum DurationUnit {
    MILLISECONDS,
    SECONDS,
    MINUTES,
    HOURS,
    DAYS,
    WEEKS,
    MONTHS,
    YEARS;

    /** The spelling the formatter prints: singular for 1 ({@code 1 MINUTE}), plural otherwise. */
    public String sql(long value) {
        String plural = name();
        return value == 1 ? plural.substring(0, plural.length() - 1) : plural;
    }
}
