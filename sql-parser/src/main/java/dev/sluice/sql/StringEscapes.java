package dev.sluice.sql;

import org.antlr.v4.runtime.Token;

/** Decodes the body of a PostgreSQL escape string {@code E'...'} (backslash escapes, doubled quotes). */
final class StringEscapes {
    private StringEscapes() {}

    static String decode(String body, Token at) {
        StringBuilder sb = new StringBuilder(body.length());
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i++);
            if (c == '\'') {
                // '' inside E'...' is a quote, like in a standard string
                i++;
                sb.append('\'');
                continue;
            }
            if (c != '\\' || i >= body.length()) {
                sb.append(c);
                continue;
            }
            char e = body.charAt(i++);
            switch (e) {
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'x' -> {
                    int end = i;
                    while (end < body.length() && end < i + 2 && isHex(body.charAt(end))) {
                        end++;
                    }
                    if (end == i) {
                        sb.append('x');
                    } else {
                        sb.append((char) Integer.parseInt(body.substring(i, end), 16));
                        i = end;
                    }
                }
                case 'u', 'U' -> {
                    int len = e == 'u' ? 4 : 8;
                    if (i + len > body.length() || !allHex(body, i, i + len)) {
                        throw SqlParseException.at(
                                at, "invalid Unicode escape", "Unicode escapes must be \\XXXX or \\+XXXXXX.");
                    }
                    sb.appendCodePoint(Integer.parseInt(body.substring(i, i + len), 16));
                    i += len;
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int end = i;
                        while (end < body.length()
                                && end < i + 2
                                && body.charAt(end) >= '0'
                                && body.charAt(end) <= '7') {
                            end++;
                        }
                        sb.append((char) Integer.parseInt(body.substring(i - 1, end), 8));
                        i = end;
                    } else {
                        sb.append(e);
                    }
                }
            }
        }
        return sb.toString();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    private static boolean allHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isHex(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
