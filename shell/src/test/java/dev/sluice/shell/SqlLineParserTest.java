package dev.sluice.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sluice.sql.lexer.Completeness;
import java.util.List;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser.ParseContext;
import org.junit.jupiter.api.Test;

class SqlLineParserTest {
    private final SqlLineParser parser = new SqlLineParser();

    @Test
    void completenessOfTypicalInput() {
        assertEquals(Completeness.COMPLETE, SqlLineParser.completeness("SELECT 1;"));
        assertEquals(Completeness.COMPLETE, SqlLineParser.completeness("SELECT 1; SELECT 2;  -- done"));
        assertEquals(Completeness.NO_TERMINATOR, SqlLineParser.completeness("SELECT 1; SELECT 2"));
        assertEquals(Completeness.OPEN_QUOTE, SqlLineParser.completeness("SELECT 'a;\nb"));
        assertEquals(Completeness.OPEN_QUOTE, SqlLineParser.completeness("SELECT $$ ; "));
        assertEquals(Completeness.OPEN_QUOTE, SqlLineParser.completeness("SELECT \"col;"));
        assertEquals(Completeness.OPEN_COMMENT, SqlLineParser.completeness("SELECT /* ; "));
        assertEquals(Completeness.OPEN_COMMENT, SqlLineParser.completeness("/* only a comment"));
        assertEquals(Completeness.OPEN_PAREN, SqlLineParser.completeness("CREATE STREAM s (a INT;"));
        assertEquals(Completeness.EMPTY, SqlLineParser.completeness("  -- nothing\n"));
        // meta-commands end at the end of their line, also after a statement
        assertEquals(Completeness.COMPLETE, SqlLineParser.completeness("\\d users"));
        assertEquals(Completeness.COMPLETE, SqlLineParser.completeness("SELECT 1; \\x"));
        assertEquals(Completeness.COMPLETE, SqlLineParser.completeness("quit"));
    }

    @Test
    void acceptLineThrowsEofErrorWithTheReason() {
        assertEquals("quote", missing("SELECT 'abc"));
        assertEquals("comment", missing("SELECT 1 /* x"));
        assertEquals("paren", missing("SELECT (1"));
        assertEquals("-", missing("SELECT 1"));
        assertNull(missing("SELECT 1;"));
        assertNull(missing(""));
    }

    private String missing(String buffer) {
        try {
            parser.parse(buffer, buffer.length(), ParseContext.ACCEPT_LINE);
            return null;
        } catch (EOFError e) {
            return e.getMissing();
        }
    }

    @Test
    void completionContextDoesNotRequireCompleteInput() {
        ParsedLine line = parser.parse("SELECT * FROM users WHERE users.na", 34, ParseContext.COMPLETE);
        assertEquals("users.na", line.word());
        assertEquals(8, line.wordCursor());
        assertEquals(List.of("SELECT", "FROM", "users", "WHERE", "users.na"), line.words());
        assertThrows(EOFError.class, () -> parser.parse("SELECT 'x", 9, ParseContext.ACCEPT_LINE));
    }

    @Test
    void wordsAroundTheCursor() {
        ParsedLine between = SqlLineParser.words("SELECT  FROM t", 7);
        assertEquals("", between.word());
        assertEquals(1, between.wordIndex());
        ParsedLine meta = SqlLineParser.words("\\d us", 5);
        assertEquals("us", meta.word());
        assertEquals("\\d", meta.words().get(0));
        ParsedLine start = SqlLineParser.words("sel", 3);
        assertEquals("sel", start.word());
        assertEquals(3, start.wordCursor());
    }
}
