package dev.sluice.shell;

/**
 * One unit of shell input: an SQL statement to send to the server or a backslash meta-command that
 * the shell runs itself.
 *
 * @param kind what it is
 * @param text the statement without its terminating {@code ;} (leading comments and surrounding
 *     whitespace removed), or the whole meta-command line starting at the backslash
 * @param offset 0-based offset of {@code text} in the input it came from
 * @param line 1-based line of the input where {@code text} starts (for "file:line" in errors)
 * @param terminated whether the statement ended with {@code ;}; always true for meta-commands
 */
record ScriptItem(Kind kind, String text, int offset, int line, boolean terminated) {
    enum Kind {
        SQL,
        META
    }

    static ScriptItem sql(String text, int offset, int line, boolean terminated) {
        return new ScriptItem(Kind.SQL, text, offset, line, terminated);
    }

    static ScriptItem meta(String text, int offset, int line) {
        return new ScriptItem(Kind.META, text, offset, line, true);
    }

    boolean isMeta() {
        return kind == Kind.META;
    }
}
