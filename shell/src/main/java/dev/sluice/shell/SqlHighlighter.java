package dev.sluice.shell;

import dev.sluice.sql.lexer.SqlLexer;
import dev.sluice.sql.lexer.SqlToken;
import dev.sluice.sql.lexer.TokenCategory;
import java.util.List;
import java.util.regex.Pattern;
import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Colors the input as it is typed, one left-to-right pass over the lexer's tokens (the same lexer
 * as the server, so a keyword inside a string stays a string). Meta-command lines are colored as a
 * whole.
 */
final class SqlHighlighter implements Highlighter {
    static final AttributedStyle KEYWORD = AttributedStyle.BOLD.foreground(AttributedStyle.BLUE);
    static final AttributedStyle LITERAL = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
    static final AttributedStyle COMMENT = AttributedStyle.DEFAULT.italic().faint();
    static final AttributedStyle PARAMETER = AttributedStyle.DEFAULT.foreground(AttributedStyle.MAGENTA);
    static final AttributedStyle ERROR = AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);
    static final AttributedStyle META = AttributedStyle.BOLD.foreground(AttributedStyle.YELLOW);

    @Override
    public AttributedString highlight(LineReader reader, String buffer) {
        return highlight(buffer);
    }

    static AttributedString highlight(String buffer) {
        AttributedStringBuilder sb = new AttributedStringBuilder(buffer.length());
        List<ScriptItem> meta =
                ScriptSplitter.split(buffer).stream().filter(ScriptItem::isMeta).toList();
        int pos = 0;
        for (SqlToken t : SqlLexer.tokenize(buffer)) {
            if (t.start() < pos) {
                continue; // inside a meta-command already styled
            }
            sb.append(buffer.substring(pos, t.start()));
            ScriptItem m = metaAt(meta, t.start());
            if (m != null) {
                int end = m.offset() + m.text().length();
                sb.styled(META, buffer.substring(t.start(), end));
                pos = end;
                continue;
            }
            sb.styled(style(t.category()), t.text());
            pos = t.end();
        }
        if (pos < buffer.length()) {
            sb.append(buffer.substring(pos));
        }
        return sb.toAttributedString();
    }

    private static ScriptItem metaAt(List<ScriptItem> meta, int offset) {
        for (ScriptItem m : meta) {
            if (m.offset() == offset) {
                return m;
            }
        }
        return null;
    }

    static AttributedStyle style(TokenCategory category) {
        return switch (category) {
            case KEYWORD -> KEYWORD;
            case LITERAL -> LITERAL;
            case COMMENT -> COMMENT;
            case PARAMETER -> PARAMETER;
            case ERROR -> ERROR;
            case IDENTIFIER, OPERATOR, PUNCTUATION, WHITESPACE -> AttributedStyle.DEFAULT;
        };
    }

    @Override
    public void setErrorPattern(Pattern errorPattern) {}

    @Override
    public void setErrorIndex(int errorIndex) {}
}
