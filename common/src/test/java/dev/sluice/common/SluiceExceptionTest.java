package dev.sluice.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SluiceExceptionTest {
    @Test
    void carriesAllFields() {
        SluiceException e =
                new SluiceException(SqlState.UNDEFINED_TABLE, "relation \"foo\" does not exist", "d", "h", 15, null);
        assertEquals("42P01", e.sqlState());
        assertEquals("relation \"foo\" does not exist", e.getMessage());
        assertEquals("d", e.detail().orElseThrow());
        assertEquals("h", e.hint().orElseThrow());
        assertEquals(15, e.position().getAsInt());
    }

    @Test
    void positionIsOptional() {
        SluiceException e = new SluiceException(SqlState.SYNTAX_ERROR, "oops");
        assertTrue(e.position().isEmpty());
        assertTrue(e.hint().isEmpty());
        assertEquals(3, e.withPosition(3).position().getAsInt());
        assertEquals("try this", e.withHint("try this").hint().orElseThrow());
        assertEquals("42601", e.withHint("x").sqlState());
    }

    @Test
    void rejectsMalformedSqlState() {
        assertThrows(IllegalArgumentException.class, () -> new SluiceException("4260", "short"));
        assertThrows(IllegalArgumentException.class, () -> new SluiceException("42p01", "lower case"));
        assertThrows(IllegalArgumentException.class, () -> new SluiceException("42601", "m", null, null, -1, null));
    }

    @Test
    void shorthands() {
        SluiceException e = SluiceException.notSupported("WINDOW SESSION on tables");
        assertEquals("0A000", e.sqlState());
        assertEquals("WINDOW SESSION on tables is not supported", e.getMessage());
        assertEquals("ERROR 0A000: WINDOW SESSION on tables is not supported", e.toString());
    }
}
