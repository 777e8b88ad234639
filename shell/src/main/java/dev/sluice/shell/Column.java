package dev.sluice.shell;

/**
 * A result column as the shell shows it.
 *
 * @param name the column label
 * @param type the server's type name ({@code int4}, {@code text}), shown in the header on request
 */
record Column(String name, String type) {}
