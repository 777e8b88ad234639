package dev.sluice.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.junit.jupiter.api.Test;

class SqlHighlighterTest {
    @Test
    void stylesEachTokenByItsCategoryInOrder() {
        String sql = "SELECT name, 'from' FROM t -- where\nWHERE id = 42 @";
        AttributedString h = SqlHighlighter.highlight(sql);
        assertEquals(sql, h.toString(), "highlighting never changes or reorders text");
        assertEquals(SqlHighlighter.KEYWORD, h.styleAt(sql.indexOf("SELECT")));
        assertEquals(AttributedStyle.DEFAULT, h.styleAt(sql.indexOf("name")));
        assertEquals(SqlHighlighter.LITERAL, h.styleAt(sql.indexOf("'from'") + 1), "a keyword in a string is a string");
        assertEquals(SqlHighlighter.KEYWORD, h.styleAt(sql.indexOf("FROM")));
        assertEquals(SqlHighlighter.COMMENT, h.styleAt(sql.indexOf("where")));
        assertEquals(SqlHighlighter.KEYWORD, h.styleAt(sql.indexOf("WHERE")));
        assertEquals(SqlHighlighter.LITERAL, h.styleAt(sql.indexOf("42")));
        assertEquals(SqlHighlighter.ERROR, h.styleAt(sql.indexOf("@")));
    }

    @Test
    void unterminatedStringIsLiteralToTheEnd() {
        String sql = "SELECT 'abc FROM";
        AttributedString h = SqlHighlighter.highlight(sql);
        assertEquals(SqlHighlighter.LITERAL, h.styleAt(sql.indexOf("FROM")));
    }

    @Test
    void metaCommandLineIsOneStyle() {
        String input = "\\d users";
        AttributedString h = SqlHighlighter.highlight(input);
        assertEquals(input, h.toString());
        for (int i = 0; i < input.length(); i++) {
            assertEquals(SqlHighlighter.META, h.styleAt(i));
        }
    }
}
