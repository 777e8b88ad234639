package dev.sluice.shell;

/** How the shell prints result sets. */
public enum OutputFormat {
    table,
    csv,
    json
}
