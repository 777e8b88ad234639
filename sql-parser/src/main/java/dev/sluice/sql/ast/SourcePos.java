package dev.sluice.sql.ast;

/**
 * Where a node starts in the parsed text.
 *
 * <p>Positions are deliberately <em>excluded from equality</em>: {@link #equals} is true for any two
 * positions and {@link #hashCode} is constant. AST nodes are records whose first component is their
 * position, so record equality compares only what the statement means. That is what the round-trip
 * property {@code parse(format(ast)).equals(ast)} and the catalog's "same definition?" checks need,
 * and it spares every node a hand-written equals. Compare positions field by field when they matter.
 *
 * @param offset 0-based character offset into the whole input string (not just the statement)
 * @param line 1-based line
 * @param column 1-based column (in characters)
 */
public record SourcePos(int offset, int line, int column) {

    /** For nodes built in code rather than parsed. */
    public static final SourcePos UNKNOWN = new SourcePos(-1, 0, 0);

    /** PostgreSQL's error position: 1-based character offset, or 0 when unknown. */
    public int pgPosition() {
        return offset < 0 ? 0 : offset + 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SourcePos;
    }

    @Override
    public int hashCode() {
        return 0;
    }

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
