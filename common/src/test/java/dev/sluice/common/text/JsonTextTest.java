package dev.sluice.common.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JsonTextTest {
    @Test
    void escapesWhatJsonRequires() {
        StringBuilder sb = new StringBuilder();
        JsonText.appendString(sb, "a\"b\\c\nd\te\u0001é");
        assertEquals("\"a\\\"b\\\\c\\nd\\te\\u0001é\"", sb.toString());
    }
}
