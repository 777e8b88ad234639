package dev.sluice.shell;

/** {@code \x}: print rows as a table, one "record" block per row, or decide by the terminal width. */
enum Expanded {
    OFF,
    ON,
    /** Vertical only when the table would be wider than the terminal (psql's {@code \x auto}). */
    AUTO
}
