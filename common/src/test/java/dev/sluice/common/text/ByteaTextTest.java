package dev.sluice.common.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sluice.common.SluiceException;
import org.junit.jupiter.api.Test;

/** {@link ByteaText} against PostgreSQL's {@code byteain} and {@code byteaout} (bytea_output = hex). */
class ByteaTextTest {
    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    @Test
    void hex() {
        assertArrayEquals(bytes(0xde, 0xad, 0xbe, 0xef), ByteaText.parse("\\xdeadbeef"));
        assertArrayEquals(bytes(0xde, 0xad), ByteaText.parse("\\xDE AD"));
        assertArrayEquals(new byte[0], ByteaText.parse("\\x"));
    }

    @Test
    void escape() {
        assertArrayEquals(bytes('a', 'b', 'c', 0), ByteaText.parse("abc\\000"));
        assertArrayEquals(bytes('a', '\\', 'b'), ByteaText.parse("a\\\\b"));
        assertArrayEquals(bytes(0xff, '1'), ByteaText.parse("\\3771"));
        assertArrayEquals(bytes(0xc3, 0xbc), ByteaText.parse("ü"));
        assertArrayEquals(new byte[0], ByteaText.parse(""));
    }

    @Test
    void formatsAsLowercaseHex() {
        assertEquals("\\xdeadbeef", ByteaText.format(bytes(0xde, 0xad, 0xbe, 0xef)));
        assertEquals("\\x", ByteaText.format(new byte[0]));
    }

    @Test
    void badInputIs22P02NamingIt() {
        for (String bad : new String[] {"\\xzz", "\\xabc", "\\x0g", "abc\\q", "abc\\", "\\400", "\\12"}) {
            SluiceException e = assertThrows(SluiceException.class, () -> ByteaText.parse(bad), bad);
            assertEquals("22P02", e.sqlState(), bad);
            assertEquals("invalid input syntax for type bytea: \"" + bad + "\"", e.getMessage());
        }
    }
}
