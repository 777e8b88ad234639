package dev.sluice.shell;

import java.util.List;
import java.util.Locale;

/**
 * A parsed backslash command: {@code \d users} is name {@code d} with argument {@code users}.
 *
 * @param name the command without the backslash, lower case ({@code d}, {@code dt}, {@code timing})
 * @param args the words after it; a single- or double-quoted word keeps its spaces
 */
record MetaCommand(String name, List<String> args) {
    static MetaCommand parse(String text) {
        String body = text.strip();
        if (body.startsWith("\\")) {
            body = body.substring(1);
        }
        int end = 0;
        while (end < body.length() && !Character.isWhitespace(body.charAt(end))) {
            end++;
        }
        String name = body.substring(0, end);
        return new MetaCommand(name.equals("?") ? "?" : name.toLowerCase(Locale.ROOT), words(body.substring(end)));
    }

    private static List<String> words(String s) {
        List<String> out = new java.util.ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'' || c == '"') {
                int close = s.indexOf(c, i + 1);
                int stop = close < 0 ? s.length() : close;
                // a double-quoted name keeps its quotes: it is an SQL identifier, case and all
                out.add(c == '"' ? s.substring(i, Math.min(s.length(), stop + 1)) : s.substring(i + 1, stop));
                i = stop + 1;
            } else {
                int start = i;
                while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
                out.add(s.substring(start, i));
            }
        }
        return out;
    }

    String arg(int i) {
        return i < args.size() ? args.get(i) : null;
    }
}
