package dev.sluice.executor.stream;

import java.util.Arrays;

/**
 * An open-addressing hash table (linear probing) whose entries are the values themselves: each
 * {@link Entry} carries its key and the key's hash, so a group costs one array slot instead of a
 * {@code HashMap} node, and a lookup touches the slot array and the entry only.
 *
 * <p>Lookup compares {@code probe.equals(entry.key)}, so a reusable {@link Keys.Probe} finds the
 * {@link Keys.CompositeKey} equal to it. Removal shifts the following entries of the run back
 * (no tombstones). The table doubles at 3/4 full.
 */
final class GroupTable<E extends GroupTable.Entry> {
    /** What the table holds: a key and its hash, fixed at creation. */
    abstract static class Entry {
        final Object key;
        final int hash;

        Entry(Object key) {
            this.key = key;
            this.hash = hash(key);
        }
    }

    private Entry[] slots = new Entry[16];
    private int mask = 15;
    private int size;

    /** The key's hash code, spread so that sequential ids do not form long runs. */
    static int hash(Object key) {
        int h = key.hashCode() * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    /** The entry whose key equals {@code key} (a key or a probe), or null. */
    @SuppressWarnings("unchecked")
    E get(Object key) {
        int h = hash(key);
        Entry[] s = slots;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            Entry e = s[i];
            if (e == null) {
                return null;
            }
            if (e.hash == h && (e.key == key || key.equals(e.key))) {
                return (E) e;
            }
        }
    }

    /** Adds an entry whose key is not in the table. */
    void add(E entry) {
        if (++size > slots.length - (slots.length >>> 2)) {
            grow();
        }
        insert(slots, mask, entry);
    }

    private static void insert(Entry[] s, int mask, Entry entry) {
        int i = entry.hash & mask;
        while (s[i] != null) {
            i = (i + 1) & mask;
        }
        s[i] = entry;
    }

    private void grow() {
        Entry[] bigger = new Entry[slots.length * 2];
        int biggerMask = bigger.length - 1;
        for (Entry e : slots) {
            if (e != null) {
                insert(bigger, biggerMask, e);
            }
        }
        slots = bigger;
        mask = biggerMask;
    }

    /** Removes {@code entry} (the very object); does nothing if it is not in the table. */
    void remove(E entry) {
        Entry[] s = slots;
        int i = entry.hash & mask;
        while (s[i] != entry) {
            if (s[i] == null) {
                return;
            }
            i = (i + 1) & mask;
        }
        size--;
        // Shift back every later entry of the run whose home slot is not in (i, j].
        for (int j = (i + 1) & mask; s[j] != null; j = (j + 1) & mask) {
            int home = s[j].hash & mask;
            boolean stays = i <= j ? (i < home && home <= j) : (i < home || home <= j);
            if (!stays) {
                s[i] = s[j];
                s[j] = null;
                i = j;
            }
        }
        s[i] = null;
    }

    /** True if some entry's key equals {@code key}. */
    boolean containsKey(Object key) {
        return get(key) != null;
    }

    int size() {
        return size;
    }

    void clear() {
        Arrays.fill(slots, null);
        size = 0;
    }
}
