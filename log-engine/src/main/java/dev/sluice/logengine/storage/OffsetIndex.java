package dev.sluice.logengine.storage;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Sparse offset index of one segment: maps an offset to the file position of the batch holding it.
 * One entry is written roughly every {@code indexIntervalBytes} of log.
 *
 * <pre>
 * entry (8 bytes): relativeOffset int32 (offset - segment base) | position int32 (byte in .log)
 * </pre>
 */
final class OffsetIndex extends MappedIndex {
    static final int ENTRY_SIZE = 8;
    static final int RELATIVE_OFFSET_OFFSET = 0;
    static final int POSITION_OFFSET = 4;

    record Entry(long offset, int position) {}

    OffsetIndex(Path file, long baseOffset, int maxIndexBytes) throws IOException {
        super(file, baseOffset, maxIndexBytes, ENTRY_SIZE);
    }

    void append(long offset, int position) {
        checkRoom();
        int n = entries;
        if (n > 0 && offset <= entryAt(n - 1).offset()) {
            throw new IllegalArgumentException("index offsets must increase: " + offset);
        }
        mmap.putInt(n * ENTRY_SIZE + RELATIVE_OFFSET_OFFSET, (int) (offset - baseOffset));
        mmap.putInt(n * ENTRY_SIZE + POSITION_OFFSET, position);
        entries = n + 1;
    }

    Entry entryAt(int i) {
        return new Entry(
                baseOffset + mmap.getInt(i * ENTRY_SIZE + RELATIVE_OFFSET_OFFSET),
                mmap.getInt(i * ENTRY_SIZE + POSITION_OFFSET));
    }

    /** The last entry with offset <= target, or (base, 0) if there is none. */
    Entry lookup(long targetOffset) {
        int lo = 0;
        int hi = entries - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (entryAt(mid).offset() <= targetOffset) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found < 0 ? new Entry(baseOffset, 0) : entryAt(found);
    }

    /** Drops entries at or above the offset. */
    void truncateTo(long offset) {
        int n = entries;
        while (n > 0 && entryAt(n - 1).offset() >= offset) {
            n--;
        }
        truncateToEntries(n);
    }

    /** True when the entries read from disk are plausible for a log of {@code logSize} bytes. */
    boolean isSane(int logSize) {
        long prevOffset = baseOffset - 1;
        int prevPos = -1;
        for (int i = 0; i < entries; i++) {
            Entry e = entryAt(i);
            if (e.offset() <= prevOffset || e.position() <= prevPos || e.position() >= logSize) {
                return false;
            }
            prevOffset = e.offset();
            prevPos = e.position();
        }
        return true;
    }
}
