package dev.sluice.logengine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexTest {
    @TempDir
    Path dir;

    @Test
    void offsetIndexFindsTheFloorEntryAndSurvivesATrimmedReopen() throws Exception {
        Path f = dir.resolve("x.index");
        OffsetIndex idx = new OffsetIndex(f, 100, 80); // room for 10 entries
        assertEquals(new OffsetIndex.Entry(100, 0), idx.lookup(150));
        for (int i = 1; i <= 10; i++) {
            idx.append(100 + i * 10, i * 1000);
        }
        assertTrue(idx.isFull());
        assertThrows(IllegalStateException.class, () -> idx.append(500, 99_999));
        assertEquals(new OffsetIndex.Entry(150, 5000), idx.lookup(155));
        assertEquals(new OffsetIndex.Entry(150, 5000), idx.lookup(150));
        assertEquals(new OffsetIndex.Entry(100, 0), idx.lookup(105));
        idx.truncateTo(150);
        assertEquals(4, idx.entries());
        idx.closeAndTrim();
        assertEquals(32, Files.size(f));
        OffsetIndex reopened = new OffsetIndex(f, 100, 80);
        assertEquals(4, reopened.entries());
        assertTrue(reopened.isSane(100_000));
        assertFalse(reopened.isSane(3000), "positions beyond the log are not sane");
        reopened.close();
    }

    @Test
    void untrimmedIndexAfterACrashIsDetectedAsInsane() throws Exception {
        Path f = dir.resolve("y.index");
        OffsetIndex idx = new OffsetIndex(f, 0, 80);
        idx.append(5, 100);
        idx.close(); // no trim: the preallocated zeros stay
        OffsetIndex reopened = new OffsetIndex(f, 0, 80);
        assertFalse(reopened.isSane(1000));
        reopened.close();
    }

    @Test
    void timeIndexKeepsStrictlyIncreasingTimestamps() throws Exception {
        TimeIndex idx = new TimeIndex(dir.resolve("z.timeindex"), 1000, 120);
        idx.maybeAppend(50, 1000);
        idx.maybeAppend(50, 1003); // same timestamp: skipped
        idx.maybeAppend(40, 1004); // smaller: skipped
        idx.maybeAppend(70, 1010);
        assertEquals(2, idx.entries());
        assertNull(idx.lookupBefore(50));
        assertEquals(new TimeIndex.Entry(50, 1000), idx.lookupBefore(51));
        assertEquals(new TimeIndex.Entry(70, 1010), idx.lookupBefore(1_000));
        idx.truncateTo(1010);
        assertEquals(1, idx.entries());
        idx.close();
    }
}
