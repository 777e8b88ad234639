package dev.sluice.common.text;

import dev.sluice.common.SluiceException;
import dev.sluice.common.SqlState;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * PostgreSQL's text forms of {@code bytea} ({@code byteain} / {@code byteaout} with {@code
 * bytea_output = hex}).
 *
 * <ul>
 *   <li>hex: {@code \x} then two hex digits per byte, upper or lower case, whitespace allowed
 *       between bytes ({@code \xdeadbeef});
 *   <li>escape: any other text, where {@code \\} is one backslash and {@code \ooo} (three octal
 *       digits, 000–377) one byte; other characters are their UTF-8 bytes ({@code abc\000}).
 * </ul>
 *
 * <p>Output is always hex. Bad input is 22P02 naming the text and, in the detail, what is wrong.
 */
public final class ByteaText {
    private ByteaText() {}

    /** {@code \x} and lowercase hex, as PostgreSQL prints bytea. */
    public static String format(byte[] bytes) {
        return "\\x" + HexFormat.of().formatHex(bytes);
    }

    public static byte[] parse(String text) {
        if (text.startsWith("\\x")) {
            return parseHex(text);
        }
        return parseEscape(text);
    }

    private static byte[] parseHex(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() / 2);
        int i = 2;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                i++;
                continue;
            }
            int hi = Character.digit(c, 16);
            if (hi < 0) {
                throw bad(text, "invalid hexadecimal digit: \"" + c + "\"");
            }
            if (i + 1 >= text.length()) {
                throw bad(text, "invalid hexadecimal data: odd number of digits");
            }
            char d = text.charAt(i + 1);
            int lo = Character.digit(d, 16);
            if (lo < 0) {
                throw bad(text, "invalid hexadecimal digit: \"" + d + "\"");
            }
            out.write((hi << 4) | lo);
            i += 2;
        }
        return out.toByteArray();
    }

    private static byte[] parseEscape(String text) {
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] != '\\') {
                out.write(raw[i]);
            } else if (i + 1 < raw.length && raw[i + 1] == '\\') {
                out.write('\\');
                i++;
            } else if (i + 3 < raw.length
                    && isOctal(raw[i + 1], '3')
                    && isOctal(raw[i + 2], '7')
                    && isOctal(raw[i + 3], '7')) {
                out.write(((raw[i + 1] - '0') << 6) | ((raw[i + 2] - '0') << 3) | (raw[i + 3] - '0'));
                i += 3;
            } else {
                throw bad(text, "a backslash must be followed by another backslash or three octal digits (000 to 377)");
            }
        }
        return out.toByteArray();
    }

    private static boolean isOctal(byte b, char max) {
        return b >= '0' && b <= max;
    }

    private static SluiceException bad(String text, String detail) {
        return new SluiceException(
                SqlState.INVALID_TEXT_REPRESENTATION,
                "invalid input syntax for type bytea: \"" + text + "\"",
                detail,
                "write bytes as '\\xdeadbeef' (hex) or 'abc\\000' (escape)",
                0,
                null);
    }
}
