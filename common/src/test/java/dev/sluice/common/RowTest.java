package dev.sluice.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RowTest {
    @Test
    void valuesAreCopiedOnConstruction() {
        Object[] values = {1, "a"};
        Row row = Row.of(values);
        values[0] = 2;
        assertEquals(1, row.get(0));
        Object[] out = row.toArray();
        out[1] = "b";
        assertEquals("a", row.get(1));
    }

    @Test
    void equalityIncludesKindAndComparesBytesByContent() {
        Row a = Row.of(1, new byte[] {1, 2});
        Row b = Row.of(1, new byte[] {1, 2});
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, a.withKind(RowKind.DELETE));
    }

    @Test
    void withKindKeepsValues() {
        Row insert = Row.of(7, null);
        Row delete = insert.withKind(RowKind.DELETE);
        assertEquals(RowKind.DELETE, delete.kind());
        assertEquals(7, delete.get(0));
        assertNull(delete.get(1));
        assertTrue(delete.isNull(1));
        assertSame(insert, insert.withKind(RowKind.INSERT));
    }

    @Test
    void toStringShowsKind() {
        assertEquals(
                "-U(1, x, \\x0aff)",
                Row.ofKind(RowKind.UPDATE_BEFORE, 1, "x", new byte[] {10, -1}).toString());
    }
}
