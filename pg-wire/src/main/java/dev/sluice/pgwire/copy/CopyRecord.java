package dev.sluice.pgwire.copy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One record of {@code COPY ... FROM STDIN} as {@link CopyInParser} hands it out: its fields as
 * UTF-8 byte ranges, without a String per field unless one is asked for. Most fields point into
 * the CopyData bytes themselves; a field that needed unescaping points into a scratch array or is
 * held as a String. The parser reuses this object: it is valid only during the callback.
 */
public final class CopyRecord {
    private int size;
    private byte[][] arrays = new byte[8][];
    private int[] offsets = new int[8];
    private int[] lengths = new int[8];
    private String[] strings = new String[8];
    private boolean[] nulls = new boolean[8];

    CopyRecord() {}

    /** The number of fields. */
    public int size() {
        return size;
    }

    /** Whether field {@code i} is SQL NULL. */
    public boolean isNull(int i) {
        return nulls[i];
    }

    /** Field {@code i} as text (null for SQL NULL). */
    public String text(int i) {
        if (nulls[i]) {
            return null;
        }
        String s = strings[i];
        return s != null ? s : new String(arrays[i], offsets[i], lengths[i], StandardCharsets.UTF_8);
    }

    /**
     * The array holding field {@code i}'s UTF-8 bytes, or null when the field is NULL or only held
     * as a String (then use {@link #text}).
     */
    public byte[] array(int i) {
        return nulls[i] || strings[i] != null ? null : arrays[i];
    }

    /** Whether field {@code i} is held as bytes ({@link #array}) that are all ASCII. */
    public boolean isAscii(int i) {
        byte[] a = array(i);
        return a != null && ByteScan.isAscii(a, offsets[i], offsets[i] + lengths[i]);
    }

    /** Where field {@code i} starts in {@link #array}. */
    public int offset(int i) {
        return offsets[i];
    }

    /** The length in bytes of field {@code i} in {@link #array}. */
    public int length(int i) {
        return lengths[i];
    }

    void clear() {
        size = 0;
    }

    void addNull() {
        int i = slot();
        nulls[i] = true;
        strings[i] = null;
        arrays[i] = null;
    }

    void addBytes(byte[] array, int offset, int length) {
        int i = slot();
        nulls[i] = false;
        strings[i] = null;
        arrays[i] = array;
        offsets[i] = offset;
        lengths[i] = length;
    }

    void addString(String s) {
        int i = slot();
        nulls[i] = false;
        strings[i] = s;
        arrays[i] = null;
    }

    /** The fields as Strings (null for NULL), for tests and slow paths. */
    public String[] toStrings() {
        String[] out = new String[size];
        for (int i = 0; i < size; i++) {
            out[i] = text(i);
        }
        return out;
    }

    private int slot() {
        if (size == nulls.length) {
            int n = size * 2;
            arrays = Arrays.copyOf(arrays, n);
            offsets = Arrays.copyOf(offsets, n);
            lengths = Arrays.copyOf(lengths, n);
            strings = Arrays.copyOf(strings, n);
            nulls = Arrays.copyOf(nulls, n);
        }
        return size++;
    }
}
