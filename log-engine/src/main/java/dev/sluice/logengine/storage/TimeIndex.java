package dev.sluice.logengine.storage;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Sparse time index of one segment. Each entry says "by this offset the largest timestamp seen so far
 * was T"; timestamps increase strictly from entry to entry, so every batch before an entry's offset has
 * a smaller max timestamp than the entry's.
 *
 * <pre>
 * entry (12 bytes): timestamp int64 | relativeOffset int32 (offset - segment base)
 * </pre>
 */
final class TimeIndex extends MappedIndex {
    static final int ENTRY_SIZE = 12;
    static final int TIMESTAMP_OFFSET = 0;
    static final int RELATIVE_OFFSET_OFFSET = 8;

    record Entry(long timestamp, long offset) {}

    TimeIndex(Path file, long baseOffset, int maxIndexBytes) throws IOException {
        super(file, baseOffset, maxIndexBytes, ENTRY_SIZE);
    }

    Entry entryAt(int i) {
        return new Entry(
                mmap.getLong(i * ENTRY_SIZE + TIMESTAMP_OFFSET),
                baseOffset + mmap.getInt(i * ENTRY_SIZE + RELATIVE_OFFSET_OFFSET));
    }

    Entry lastEntry() {
        int n = entries;
        return n == 0 ? null : entryAt(n - 1);
    }

    /** Appends if the timestamp is larger than the last entry's (keeps the index strictly increasing). */
    void maybeAppend(long timestamp, long offset) {
        Entry last = lastEntry();
        if (last != null && (timestamp <= last.timestamp() || offset < last.offset())) {
            return;
        }
        if (isFull()) {
            return;
        }
        int n = entries;
        mmap.putLong(n * ENTRY_SIZE + TIMESTAMP_OFFSET, timestamp);
        mmap.putInt(n * ENTRY_SIZE + RELATIVE_OFFSET_OFFSET, (int) (offset - baseOffset));
        entries = n + 1;
    }

    /** The last entry whose timestamp is strictly below the target, or null: scanning starts there. */
    Entry lookupBefore(long timestamp) {
        int lo = 0;
        int hi = entries - 1;
        Entry found = null;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Entry e = entryAt(mid);
            if (e.timestamp() < timestamp) {
                found = e;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    void truncateTo(long offset) {
        int n = entries;
        while (n > 0 && entryAt(n - 1).offset() >= offset) {
            n--;
        }
        truncateToEntries(n);
    }

    boolean isSane(long nextOffsetBound) {
        long prevTs = Long.MIN_VALUE;
        long prevOffset = baseOffset - 1;
        for (int i = 0; i < entries; i++) {
            Entry e = entryAt(i);
            if (e.timestamp() <= prevTs || e.offset() < prevOffset || e.offset() >= nextOffsetBound) {
                return false;
            }
            prevTs = e.timestamp();
            prevOffset = e.offset();
        }
        return true;
    }
}
