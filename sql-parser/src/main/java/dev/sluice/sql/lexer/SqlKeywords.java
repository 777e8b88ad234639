package dev.sluice.sql.lexer;

import dev.sluice.sql.grammar.SluiceSqlLexer;
import dev.sluice.sql.grammar.SluiceSqlParser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.antlr.v4.runtime.atn.ATN;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * The dialect's keywords, read from the grammar itself so that the shell's completion and
 * highlighting and the formatter's quoting never drift from what the parser accepts.
 *
 * <p>A <em>reserved</em> keyword can never be a bare identifier ({@code SELECT}, {@code FROM}, ...);
 * a non-reserved one can ({@code key}, {@code timestamp}, {@code session}).
 */
public final class SqlKeywords {
    private SqlKeywords() {}

    private static final Map<String, Integer> KEYWORDS = new TreeMap<>();
    private static final IntervalSet NON_RESERVED;
    private static final java.util.BitSet KEYWORD_TYPES = new java.util.BitSet();

    static {
        for (int type = 1; type <= SluiceSqlLexer.VOCABULARY.getMaxTokenType(); type++) {
            String literal = SluiceSqlLexer.VOCABULARY.getLiteralName(type);
            if (literal != null && literal.length() > 2 && Character.isLetter(literal.charAt(1))) {
                KEYWORDS.put(literal.substring(1, literal.length() - 1), type);
                KEYWORD_TYPES.set(type);
            }
        }
        ATN atn = SluiceSqlParser._ATN;
        NON_RESERVED = atn.nextTokens(atn.ruleToStartState[SluiceSqlParser.RULE_nonReserved]);
    }

    /** Every keyword, upper case, sorted. */
    public static List<String> all() {
        return Collections.unmodifiableList(new ArrayList<>(KEYWORDS.keySet()));
    }

    /** Whether a word (any case) is a keyword of the dialect. */
    public static boolean isKeyword(String word) {
        return KEYWORDS.containsKey(word.toUpperCase(Locale.ROOT));
    }

    /** Whether a word (any case) is a keyword that cannot be used as a bare identifier. */
    public static boolean isReserved(String word) {
        Integer type = KEYWORDS.get(word.toUpperCase(Locale.ROOT));
        return type != null && !NON_RESERVED.contains(type);
    }

    /** Whether a token type of the lexer is a keyword. */
    public static boolean isKeywordToken(int tokenType) {
        return tokenType > 0 && KEYWORD_TYPES.get(tokenType);
    }
}
