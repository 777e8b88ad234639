package dev.sluice.sql.lexer;

/** What a token is, for highlighting. */
public enum TokenCategory {
    KEYWORD,
    IDENTIFIER,
    /** A string or number (an unterminated string too, so highlighting follows the user's typing). */
    LITERAL,
    OPERATOR,
    PUNCTUATION,
    COMMENT,
    PARAMETER,
    WHITESPACE,
    /** A character the dialect does not know, such as {@code @}. */
    ERROR
}
