package dev.sluice.shell;

import dev.sluice.sql.lexer.Completeness;
import dev.sluice.sql.lexer.SqlLexer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.SyntaxError;

/**
 * Tells JLine whether the buffer is ready to run: Enter runs it when every statement in it ends with
 * {@code ;} (or the last item is a meta-command); otherwise Enter adds a line. The lexer decides, so
 * a {@code ;} in a string or comment does not count. While input continues, the {@link EOFError}'s
 * "missing" text says why, and the continuation prompt ({@code %M} in {@link #SECONDARY_PROMPT})
 * shows it: {@code quote>}, {@code comment>}, {@code paren>}, or {@code ->} for a missing {@code ;}.
 *
 * <p>For completion it splits the line into words the SQL way: a word is an identifier with its
 * dots ({@code users.na}), a quoted identifier, or a meta-command ({@code \d}).
 */
final class SqlLineParser implements Parser {
    /** The primary prompt; the continuation prompt pads to its width. */
    static final String PROMPT = "sluice> ";

    static final String SECONDARY_PROMPT = "%P %M> ";

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) throws SyntaxError {
        if (context == ParseContext.ACCEPT_LINE || context == ParseContext.SECONDARY_PROMPT) {
            String missing = missing(completeness(line));
            if (missing != null) {
                throw new EOFError(-1, -1, "statement continues: " + missing, missing);
            }
        }
        return words(line, cursor);
    }

    /** Whether the buffer can run now, and if not, why not. */
    static Completeness completeness(String buffer) {
        String trimmed = buffer.strip().toLowerCase(Locale.ROOT);
        if (trimmed.equals("quit") || trimmed.equals("exit")) {
            return Completeness.COMPLETE; // psql accepts both without a backslash or ';'
        }
        List<ScriptItem> items = ScriptSplitter.split(buffer);
        if (items.isEmpty()) {
            Completeness c = SqlLexer.completeness(buffer);
            return c == Completeness.OPEN_COMMENT ? c : Completeness.EMPTY;
        }
        ScriptItem last = items.get(items.size() - 1);
        if (last.terminated()) {
            return Completeness.COMPLETE;
        }
        return SqlLexer.completeness(buffer.substring(last.offset()));
    }

    /** The continuation prompt's reason, or null when the buffer is ready to run. */
    static String missing(Completeness c) {
        return switch (c) {
            case COMPLETE, EMPTY -> null;
            case OPEN_QUOTE -> "quote";
            case OPEN_COMMENT -> "comment";
            case OPEN_PAREN -> "paren";
            case NO_TERMINATOR -> "-";
        };
    }

    static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '.' || c == '"' || c == '\\';
    }

    static ParsedLine words(String line, int cursor) {
        List<String> words = new ArrayList<>();
        int wordIndex = -1;
        int wordCursor = 0;
        int i = 0;
        while (i < line.length()) {
            if (!isWordChar(line.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < line.length() && isWordChar(line.charAt(i))) {
                i++;
            }
            if (cursor >= start && cursor <= i) {
                wordIndex = words.size();
                wordCursor = cursor - start;
            }
            words.add(line.substring(start, i));
        }
        if (wordIndex < 0) {
            // the cursor is between words: complete an empty word there
            int before = 0;
            for (int j = 0; j < cursor && j < line.length(); j++) {
                if (isWordChar(line.charAt(j)) && (j + 1 == line.length() || !isWordChar(line.charAt(j + 1)))) {
                    before++;
                }
            }
            wordIndex = before;
            words.add(before, "");
            wordCursor = 0;
        }
        return new SqlParsedLine(line, cursor, List.copyOf(words), wordIndex, wordCursor);
    }

    /** The words of a line and where the cursor is among them. */
    record SqlParsedLine(String line, int cursor, List<String> words, int wordIndex, int wordCursor)
            implements CompletingParsedLine {
        @Override
        public String word() {
            return words.get(wordIndex);
        }

        /** Candidates are inserted as they are: names come from the catalog already in SQL form. */
        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            return candidate;
        }

        @Override
        public int rawWordCursor() {
            return wordCursor;
        }

        @Override
        public int rawWordLength() {
            return word().length();
        }
    }
}
