package dev.sluice.sql;

import dev.sluice.sql.grammar.SluiceSqlLexer;
import dev.sluice.sql.grammar.SluiceSqlParser;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.ATN;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Turns the first ANTLR syntax error into a {@link SqlParseException} with PostgreSQL's wording and a
 * short, useful "expected" list.
 *
 * <p>ANTLR's raw expected sets are huge (every non-reserved keyword can be an identifier, every
 * literal can start an expression), so the set is collapsed in steps:
 *
 * <ol>
 *   <li>non-reserved keywords disappear into {@code identifier} when an identifier is expected;
 *   <li>the tokens that start an expression collapse into {@code expression};
 *   <li>if the offending word is a near-miss of an expected keyword ({@code FORM} for {@code FROM}),
 *       only that keyword is listed;
 *   <li>otherwise the list is shown only when it has at most {@value #MAX_EXPECTED} entries.
 * </ol>
 */
final class SyntaxErrors extends BaseErrorListener {
    static final int MAX_EXPECTED = 6;

    private static final IntervalSet NON_RESERVED;
    private static final IntervalSet EXPRESSION_START;
    private static final IntervalSet TIME_UNITS;

    static {
        ATN atn = SluiceSqlParser._ATN;
        NON_RESERVED = atn.nextTokens(atn.ruleToStartState[SluiceSqlParser.RULE_nonReserved]);
        IntervalSet e = new IntervalSet();
        e.addAll(atn.nextTokens(atn.ruleToStartState[SluiceSqlParser.RULE_primaryExpression]));
        e.add(SluiceSqlLexer.MINUS);
        e.add(SluiceSqlLexer.PLUS);
        e.add(SluiceSqlLexer.NOT);
        EXPRESSION_START = e;
        TIME_UNITS = atn.nextTokens(atn.ruleToStartState[SluiceSqlParser.RULE_timeUnit]);
    }

    private final Parser parser;

    SyntaxErrors(Parser parser) {
        this.parser = parser;
    }

    @Override
    public void syntaxError(
            Recognizer<?, ?> recognizer,
            Object offendingSymbol,
            int line,
            int col,
            String msg,
            RecognitionException e) {
        Token token = (Token) offendingSymbol;
        IntervalSet expected =
                e != null && e.getExpectedTokens() != null ? e.getExpectedTokens() : parser.getExpectedTokens();
        if (e instanceof NoViableAltException nv && nv.getStartToken().getTokenIndex() != token.getTokenIndex()) {
            // ANTLR computes this set where the decision started, tokens before the error: misleading
            expected = new IntervalSet();
        }
        throw error(token, expected);
    }

    static SqlParseException error(Token token, IntervalSet expectedTokens) {
        List<String> expected = describe(expectedTokens, token);
        String message = token.getType() == Token.EOF
                ? "syntax error at end of input"
                : "syntax error at or near \"" + token.getText() + "\"";
        if (!expected.isEmpty()) {
            message += "; expected " + String.join(", ", expected);
        }
        return new SqlParseException(
                message,
                null,
                token.getStartIndex() + 1,
                token.getLine(),
                token.getCharPositionInLine() + 1,
                token.getType() == Token.EOF ? "" : token.getText(),
                expected);
    }

    static List<String> describe(IntervalSet set, Token offending) {
        if (set == null) {
            return List.of();
        }
        boolean identifier = set.contains(SluiceSqlLexer.IDENTIFIER);
        boolean expression = identifier
                && set.contains(SluiceSqlLexer.INTEGER_VALUE)
                && set.contains(SluiceSqlLexer.STRING)
                && set.contains(SluiceSqlLexer.CASE);
        boolean timeUnits = set.contains(SluiceSqlLexer.SECONDS) && set.contains(SluiceSqlLexer.HOURS);
        Set<String> names = new LinkedHashSet<>();
        List<String> keywords = new ArrayList<>();
        for (int type : set.toArray()) {
            if (type == SluiceSqlLexer.QUOTED_IDENTIFIER && identifier) {
                continue;
            }
            if (identifier && NON_RESERVED.contains(type)) {
                continue;
            }
            if (expression && EXPRESSION_START.contains(type)) {
                names.add("expression");
                continue;
            }
            if (timeUnits && TIME_UNITS.contains(type)) {
                names.add("time unit");
                continue;
            }
            String name = display(type);
            if (name != null) {
                names.add(name);
                if (Character.isLetter(name.charAt(0)) && name.equals(name.toUpperCase(Locale.ROOT))) {
                    keywords.add(name);
                }
            }
        }
        boolean statementEnd = set.toSet().stream().allMatch(t -> t == Token.EOF || t == SluiceSqlLexer.SEMICOLON);
        if (offending.getType() != Token.EOF) {
            String near = nearMiss(offending.getText(), keywords);
            if (near == null && offending.getType() == SluiceSqlLexer.IDENTIFIER) {
                // The parser may only know "end of statement" here (the clause before was complete),
                // so a misspelt keyword is matched against all keywords.
                near = nearMiss(offending.getText(), dev.sluice.sql.lexer.SqlKeywords.all());
            }
            if (near != null) {
                return List.of(near);
            }
        }
        // "expected end of input" after a complete clause says nothing useful
        if (statementEnd || names.size() > MAX_EXPECTED) {
            return List.of();
        }
        return List.copyOf(names);
    }

    /** The display name of a token type: keywords as written, symbols quoted, literals by kind. */
    static String display(int type) {
        switch (type) {
            case Token.EOF:
                return "end of input";
            case SluiceSqlLexer.IDENTIFIER:
            case SluiceSqlLexer.QUOTED_IDENTIFIER:
                return "identifier";
            case SluiceSqlLexer.INTEGER_VALUE:
                return "integer";
            case SluiceSqlLexer.DECIMAL_VALUE:
                return "number";
            case SluiceSqlLexer.STRING:
            case SluiceSqlLexer.ESCAPE_STRING:
            case SluiceSqlLexer.DOLLAR_STRING:
                return "string";
            case SluiceSqlLexer.PARAMETER:
                return "parameter";
            default:
                String literal = SluiceSqlLexer.VOCABULARY.getLiteralName(type);
                if (literal == null) {
                    return null;
                }
                String text = literal.substring(1, literal.length() - 1);
                return Character.isLetter(text.charAt(0)) ? text : "\"" + text + "\"";
        }
    }

    /** An expected keyword within edit distance 2 of the offending word (a typo), or null. */
    private static String nearMiss(String word, List<String> keywords) {
        if (word.length() < 3 || !Character.isLetter(word.charAt(0))) {
            return null;
        }
        String upper = word.toUpperCase(Locale.ROOT);
        String best = null;
        int bestDistance = 3;
        for (String k : keywords) {
            int d = distance(upper, k);
            int limit = k.length() <= 4 ? 1 : 2;
            // ties go to the keyword of the same length (FORM is FROM, not FOR)
            boolean better = d < bestDistance
                    || (d == bestDistance
                            && best != null
                            && k.length() == upper.length()
                            && best.length() != upper.length());
            if (d <= limit && better) {
                best = k;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Damerau-Levenshtein (optimal string alignment): a swap of two letters counts as one edit. */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** Reports the first unterminated string, identifier, dollar quote or comment, as PostgreSQL does. */
    static void checkLexical(List<Token> tokens) {
        for (Token t : tokens) {
            String what =
                    switch (t.getType()) {
                        case SluiceSqlLexer.UNTERMINATED_STRING, SluiceSqlLexer.UNTERMINATED_ESCAPE_STRING ->
                            "unterminated quoted string";
                        case SluiceSqlLexer.UNTERMINATED_QUOTED_IDENTIFIER -> "unterminated quoted identifier";
                        case SluiceSqlLexer.UNTERMINATED_DOLLAR_STRING -> "unterminated dollar-quoted string";
                        case SluiceSqlLexer.UNTERMINATED_BLOCK_COMMENT -> "unterminated /* comment";
                        default -> null;
                    };
            if (what != null) {
                String text = t.getText();
                if (text.length() > 20) {
                    text = text.substring(0, 20);
                }
                throw new SqlParseException(
                        what + " at or near \"" + text + "\"",
                        null,
                        t.getStartIndex() + 1,
                        t.getLine(),
                        t.getCharPositionInLine() + 1,
                        t.getText(),
                        List.of());
            }
        }
    }
}
