package dev.sluice.sql.lexer;

/** Whether a buffer of shell input ends a statement, and if not, why not. */
public enum Completeness {
    /** Ends with {@code ;} outside quotes, comments and parentheses: ready to send. */
    COMPLETE,
    /** Nothing but whitespace and comments. */
    EMPTY,
    /** Inside a string, quoted identifier or dollar quote. */
    OPEN_QUOTE,
    /** Inside a block comment. */
    OPEN_COMMENT,
    /** More {@code (} than {@code )} so far. */
    OPEN_PAREN,
    /** Balanced, but the last statement has no terminating {@code ;} yet. */
    NO_TERMINATOR
}
