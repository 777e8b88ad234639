package dev.sluice.executor.stream;

import java.util.Arrays;
import java.util.function.Predicate;

/**
 * An open-addressing hash table (linear probing) whose entries are the values themselves: each
 * {@link Entry} carries its key and the key's hash, so a group costs one array slot instead of a
 * {@code HashMap} node, and a lookup touches the slot array and the entry only.
 *
 * <p>Lookup compares {@code probe.equals(entry.key)}, so a reusable {@link Keys.Probe} finds the
 * {@link Keys.CompositeKey} equal to it. Removal shifts the following entries of the run back
 * (no tombstones). The table doubles at 3/4 full.
 *
 * <p>{@link #evictTo} removes entries in second-chance (CLOCK) order for a bounded cache: the hand
 * sweeps the slot array itself, so the table needs no list links and a hit costs nothing extra.
 */
final class GroupTable<E extends GroupTable.Entry> {
    /** What the table holds: a key and its hash, fixed at creation. */
    abstract static class Entry {
        final Object key;
        final int hash;
        /** Set by the owner when the entry is used; {@link #evictTo} clears it once before evicting. */
        boolean referenced;

        Entry(Object key) {
            this.key = key;
            this.hash = hash(key);
        }
    }

    private Entry[] slots = new Entry[16];
    private int mask = 15;
    private int size;
    /** Where the next {@link #evictTo} sweep starts. */
    private int hand;

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

    /**
     * Removes entries until at most {@code target} remain (CLOCK): sweeping the slots on from where
     * the last sweep stopped, an entry that is {@link Entry#referenced} has the flag cleared and
     * stays, an entry {@code evictable} refuses stays, any other is removed. Stops after two full
     * sweeps, so it ends even when too few entries may go.
     *
     * @return how many entries were removed
     */
    @SuppressWarnings("unchecked")
    int evictTo(int target, Predicate<E> evictable) {
        int removed = 0;
        for (long budget = 3L * slots.length; size > target && budget > 0; budget--) {
            int i = hand & mask;
            Entry e = slots[i];
            if (e != null) {
                if (e.referenced) {
                    e.referenced = false;
                } else if (evictable.test((E) e)) {
                    remove((E) e);
                    removed++;
                    continue; // a later entry of the run may have moved into slot i: look at it next
                }
            }
            hand = (i + 1) & mask;
        }
        return removed;
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
