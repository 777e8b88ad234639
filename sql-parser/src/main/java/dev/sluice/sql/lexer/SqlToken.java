package dev.sluice.sql.lexer;

/**
 * A token of the input, with its place in it.
 *
 * @param category what it is
 * @param text the text exactly as typed
 * @param start 0-based offset of the first character
 * @param end 0-based offset just past the last character
 * @param line 1-based line of the first character
 * @param column 1-based column of the first character
 */
public record SqlToken(TokenCategory category, String text, int start, int end, int line, int column) {}
