package dev.sluice.sql.lexer;

import dev.sluice.sql.grammar.SluiceSqlLexer;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/**
 * The lexer API for the shell: tokens with categories (for highlighting) and "is this a complete
 * statement?" (for multi-line input). It runs the same ANTLR lexer as the parser, so quoting,
 * comments and dollar quotes are understood exactly as the server will understand them. The lexer
 * never fails: unterminated quotes and comments become tokens of their own.
 */
public final class SqlLexer {
    private SqlLexer() {}

    /** Every token of the input, whitespace and comments included, in order. */
    public static List<SqlToken> tokenize(String input) {
        List<SqlToken> out = new ArrayList<>();
        for (Token t : antlrTokens(input)) {
            out.add(new SqlToken(
                    category(t.getType()),
                    t.getText(),
                    t.getStartIndex(),
                    t.getStopIndex() + 1,
                    t.getLine(),
                    t.getCharPositionInLine() + 1));
        }
        return out;
    }

    /** True when the input ends a statement with {@code ;} (see {@link #completeness}). */
    public static boolean isComplete(String input) {
        return completeness(input) == Completeness.COMPLETE;
    }

    /**
     * Why the input is or is not ready to send. Checked in this order: an open quote or comment at
     * the end, then unbalanced parentheses, then whether the last real token is {@code ;}.
     * Positions are checked on the whole buffer, which may hold several statements.
     */
    public static Completeness completeness(String input) {
        int depth = 0;
        Token last = null;
        for (Token t : antlrTokens(input)) {
            switch (t.getType()) {
                case SluiceSqlLexer.UNTERMINATED_STRING,
                        SluiceSqlLexer.UNTERMINATED_ESCAPE_STRING,
                        SluiceSqlLexer.UNTERMINATED_QUOTED_IDENTIFIER,
                        SluiceSqlLexer.UNTERMINATED_DOLLAR_STRING -> {
                    return Completeness.OPEN_QUOTE;
                }
                case SluiceSqlLexer.UNTERMINATED_BLOCK_COMMENT -> {
                    return Completeness.OPEN_COMMENT;
                }
                case SluiceSqlLexer.LPAREN -> depth++;
                // a stray ')' is the server's error to report, not a reason to wait for more input
                case SluiceSqlLexer.RPAREN -> depth = Math.max(0, depth - 1);
                default -> {}
            }
            if (t.getChannel() == Token.DEFAULT_CHANNEL) {
                last = t;
            }
        }
        if (last == null) {
            return Completeness.EMPTY;
        }
        // as in psql, a ';' inside parentheses does not end the statement
        if (depth > 0) {
            return Completeness.OPEN_PAREN;
        }
        return last.getType() == SluiceSqlLexer.SEMICOLON ? Completeness.COMPLETE : Completeness.NO_TERMINATOR;
    }

    /** Keywords for completion, upper case and sorted. */
    public static List<String> keywords() {
        return SqlKeywords.all();
    }

    private static List<? extends Token> antlrTokens(String input) {
        SluiceSqlLexer lexer = new SluiceSqlLexer(CharStreams.fromString(input));
        lexer.removeErrorListeners();
        return lexer.getAllTokens();
    }

    static TokenCategory category(int type) {
        if (SqlKeywords.isKeywordToken(type)) {
            return TokenCategory.KEYWORD;
        }
        return switch (type) {
            case SluiceSqlLexer.IDENTIFIER,
                    SluiceSqlLexer.QUOTED_IDENTIFIER,
                    SluiceSqlLexer.UNTERMINATED_QUOTED_IDENTIFIER -> TokenCategory.IDENTIFIER;
            case SluiceSqlLexer.STRING,
                    SluiceSqlLexer.ESCAPE_STRING,
                    SluiceSqlLexer.DOLLAR_STRING,
                    SluiceSqlLexer.INTEGER_VALUE,
                    SluiceSqlLexer.DECIMAL_VALUE,
                    SluiceSqlLexer.UNTERMINATED_STRING,
                    SluiceSqlLexer.UNTERMINATED_ESCAPE_STRING,
                    SluiceSqlLexer.UNTERMINATED_DOLLAR_STRING -> TokenCategory.LITERAL;
            case SluiceSqlLexer.PARAMETER -> TokenCategory.PARAMETER;
            case SluiceSqlLexer.LINE_COMMENT, SluiceSqlLexer.BLOCK_COMMENT, SluiceSqlLexer.UNTERMINATED_BLOCK_COMMENT ->
                TokenCategory.COMMENT;
            case SluiceSqlLexer.WS -> TokenCategory.WHITESPACE;
            case SluiceSqlLexer.COMMA,
                    SluiceSqlLexer.SEMICOLON,
                    SluiceSqlLexer.LPAREN,
                    SluiceSqlLexer.RPAREN,
                    SluiceSqlLexer.LBRACKET,
                    SluiceSqlLexer.RBRACKET,
                    SluiceSqlLexer.DOT -> TokenCategory.PUNCTUATION;
            case SluiceSqlLexer.UNRECOGNIZED -> TokenCategory.ERROR;
            default -> TokenCategory.OPERATOR;
        };
    }
}
