package dev.sluice.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RowKindTest {
    @Test
    void byteValuesAreTheDocumentedOnes() {
        assertEquals(0, RowKind.INSERT.toByteValue());
        assertEquals(1, RowKind.UPDATE_BEFORE.toByteValue());
        assertEquals(2, RowKind.UPDATE_AFTER.toByteValue());
        assertEquals(3, RowKind.DELETE.toByteValue());
    }

    @Test
    void byteValuesRoundTrip() {
        for (RowKind kind : RowKind.values()) {
            assertEquals(kind, RowKind.fromByteValue(kind.toByteValue()));
            assertEquals(kind, RowKind.fromShortString(kind.shortString()));
        }
    }

    @Test
    void shortStrings() {
        assertEquals("+I", RowKind.INSERT.shortString());
        assertEquals("-U", RowKind.UPDATE_BEFORE.shortString());
        assertEquals("+U", RowKind.UPDATE_AFTER.shortString());
        assertEquals("-D", RowKind.DELETE.shortString());
    }

    @Test
    void unknownValuesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> RowKind.fromByteValue((byte) 4));
        assertThrows(IllegalArgumentException.class, () -> RowKind.fromByteValue((byte) -1));
        assertThrows(IllegalArgumentException.class, () -> RowKind.fromShortString("+X"));
    }

    @Test
    void accumulateAndRetract() {
        assertTrue(RowKind.INSERT.isAccumulate());
        assertTrue(RowKind.UPDATE_AFTER.isAccumulate());
        assertFalse(RowKind.DELETE.isAccumulate());
        assertTrue(RowKind.UPDATE_BEFORE.isRetract());
        assertTrue(RowKind.DELETE.isRetract());
        assertFalse(RowKind.INSERT.isRetract());
    }
}
