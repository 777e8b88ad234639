package dev.sluice.sql.lexer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlLexerTest {

    @Test
    void categorisesEveryToken() {
        List<SqlToken> tokens = SqlLexer.tokenize("SELECT \"Col\", 'x', 1.5, $1 -- c\nFROM t /* b */ WHERE a >= @;");
        List<String> shown = tokens.stream()
                .filter(t -> t.category() != TokenCategory.WHITESPACE)
                .map(t -> t.category() + ":" + t.text())
                .toList();
        assertEquals(
                List.of(
                        "KEYWORD:SELECT",
                        "IDENTIFIER:\"Col\"",
                        "PUNCTUATION:,",
                        "LITERAL:'x'",
                        "PUNCTUATION:,",
                        "LITERAL:1.5",
                        "PUNCTUATION:,",
                        "PARAMETER:$1",
                        "COMMENT:-- c",
                        "KEYWORD:FROM",
                        "IDENTIFIER:t",
                        "COMMENT:/* b */",
                        "KEYWORD:WHERE",
                        "IDENTIFIER:a",
                        "OPERATOR:>=",
                        "ERROR:@",
                        "PUNCTUATION:;"),
                shown);
    }

    @Test
    void tokensCarryOffsetsLinesAndColumns() {
        List<SqlToken> tokens = SqlLexer.tokenize("select\n  x");
        SqlToken x = tokens.get(2);
        assertEquals("x", x.text());
        assertEquals(9, x.start());
        assertEquals(10, x.end());
        assertEquals(2, x.line());
        assertEquals(3, x.column());
        // the token texts cover the input exactly
        assertEquals(
                "select\n  x",
                String.join("", tokens.stream().map(SqlToken::text).toList()));
    }

    @Test
    void dollarQuotesAndNestedCommentsAreSingleTokens() {
        List<SqlToken> tokens = SqlLexer.tokenize("$a$ it's $$ $a$/* x /* y */ z */");
        assertEquals(2, tokens.size());
        assertEquals(TokenCategory.LITERAL, tokens.get(0).category());
        assertEquals("/* x /* y */ z */", tokens.get(1).text());
        assertEquals(TokenCategory.COMMENT, tokens.get(1).category());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "SELECT 1;|COMPLETE",
                "SELECT 1; -- trailing comment|COMPLETE",
                "SELECT 1; SELECT 2;|COMPLETE",
                "SELECT 1|NO_TERMINATOR",
                "SELECT 1; SELECT 2|NO_TERMINATOR",
                "`   `|EMPTY",
                "-- only a comment|EMPTY",
                "SELECT 'abc;|OPEN_QUOTE",
                "SELECT 'it''s;|OPEN_QUOTE",
                "SELECT E'a\\';|OPEN_QUOTE",
                "SELECT \"col;|OPEN_QUOTE",
                "SELECT $$ body; |OPEN_QUOTE",
                "SELECT $f$ $$; |OPEN_QUOTE",
                "SELECT /* x; |OPEN_COMMENT",
                "SELECT /* /* */ x; |OPEN_COMMENT",
                "SELECT (1;|OPEN_PAREN",
                "SELECT count(*;|OPEN_PAREN",
                "SELECT 'a;b', $$;$$, \"x;\" /* ; */ ;|COMPLETE",
                "SELECT 1);|COMPLETE"
            })
    void completeness(String input, Completeness expected) {
        assertEquals(expected, SqlLexer.completeness(input));
        assertEquals(expected == Completeness.COMPLETE, SqlLexer.isComplete(input));
    }

    @Test
    void keywordsComeFromTheGrammar() {
        List<String> keywords = SqlLexer.keywords();
        assertTrue(keywords.containsAll(List.of("SELECT", "EMIT", "CHANGES", "TUMBLING", "SUBSCRIBE", "MATERIALIZED")));
        assertFalse(keywords.contains("TUMBLE"), "TUMBLE is a function name, not a keyword");
        assertTrue(SqlKeywords.isReserved("from"));
        assertFalse(SqlKeywords.isReserved("timestamp"));
        assertTrue(SqlKeywords.isKeyword("Timestamp"));
    }
}
