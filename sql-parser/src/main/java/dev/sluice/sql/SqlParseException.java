package dev.sluice.sql;

import dev.sluice.common.SluiceException;
import dev.sluice.common.SqlState;
import java.util.List;
import org.antlr.v4.runtime.Token;

/**
 * A syntax error (SQLSTATE 42601) with where it happened: line and column for humans, and the
 * 1-based character offset that PostgreSQL reports as the error position (psql draws its caret there).
 *
 * <p>The message follows PostgreSQL: {@code syntax error at or near "FORM"}, plus {@code ; expected
 * FROM} when a short list of alternatives is meaningful.
 */
public class SqlParseException extends SluiceException {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;
    private final String offendingToken;
    private final List<String> expected;

    public SqlParseException(
            String message,
            String hint,
            int position,
            int line,
            int column,
            String offendingToken,
            List<String> expected) {
        super(SqlState.SYNTAX_ERROR, message, null, hint, position, null);
        this.line = line;
        this.column = column;
        this.offendingToken = offendingToken;
        this.expected = List.copyOf(expected);
    }

    /** An error located at a token (used for semantic checks while building the AST). */
    static SqlParseException at(Token token, String message, String hint) {
        return new SqlParseException(
                message,
                hint,
                token.getStartIndex() + 1,
                token.getLine(),
                token.getCharPositionInLine() + 1,
                token.getText(),
                List.of());
    }

    /** An error located at an AST node. */
    static SqlParseException at(dev.sluice.sql.ast.SourcePos pos, String message, String hint) {
        return new SqlParseException(message, hint, pos.pgPosition(), pos.line(), pos.column(), "", List.of());
    }

    /** 1-based line of the error. */
    public int line() {
        return line;
    }

    /** 1-based column of the error. */
    public int column() {
        return column;
    }

    /** The text of the token at the error, or {@code ""} at end of input. */
    public String offendingToken() {
        return offendingToken;
    }

    /** What would have been accepted instead (short; empty when too many alternatives to be useful). */
    public List<String> expected() {
        return expected;
    }

    // The copy methods of SluiceException return a plain SluiceException; keep our type instead.
    @Override
    public SqlParseException withPosition(int newPosition) {
        return new SqlParseException(
                getMessage(), hint().orElse(null), newPosition, line, column, offendingToken, expected);
    }
}
