package dev.sluice.pgwire.engine;

/**
 * One statement cut out of a simple-query string.
 *
 * @param sql the statement's text, without the terminating semicolon
 * @param offset the 0-based character offset of {@code sql} inside the whole query string; pg-wire
 *     adds it to an error's position so psql's caret points into the original text
 * @param empty true when the text holds only whitespace and comments
 */
public record StatementText(String sql, int offset, boolean empty) {}
