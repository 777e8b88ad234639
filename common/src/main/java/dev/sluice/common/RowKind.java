package dev.sluice.common;

/**
 * The kind of change a row carries in a changelog.
 *
 * <p>The byte values are part of the on-disk format (they travel in a log record's attributes
 * byte) and of the wire output (the {@code op} column), so they are explicit and never derived from
 * {@link #ordinal()}. An update is always the adjacent pair {@link #UPDATE_BEFORE}, {@link
 * #UPDATE_AFTER}.
 */
public enum RowKind {
    /** {@code +I}: a new row. */
    INSERT("+I", (byte) 0),
    /** {@code -U}: the old contents of an updated row; always directly followed by {@code +U}. */
    UPDATE_BEFORE("-U", (byte) 1),
    /** {@code +U}: the new contents of an updated row. */
    UPDATE_AFTER("+U", (byte) 2),
    /** {@code -D}: a row that is gone. */
    DELETE("-D", (byte) 3);

    private static final RowKind[] BY_VALUE = {INSERT, UPDATE_BEFORE, UPDATE_AFTER, DELETE};

    private final String shortString;
    private final byte value;

    RowKind(String shortString, byte value) {
        this.shortString = shortString;
        this.value = value;
    }

    /** The two-character form users see, e.g. {@code +I}. */
    public String shortString() {
        return shortString;
    }

    /** The stable byte value used on disk and on the wire. */
    public byte toByteValue() {
        return value;
    }

    /** True for kinds that add a row to a result ({@code +I}, {@code +U}). */
    public boolean isAccumulate() {
        return this == INSERT || this == UPDATE_AFTER;
    }

    /** True for kinds that take a row out of a result ({@code -U}, {@code -D}). */
    public boolean isRetract() {
        return this == UPDATE_BEFORE || this == DELETE;
    }

    /**
     * Decodes a byte value written by {@link #toByteValue()}.
     *
     * @throws IllegalArgumentException if the value is not a known kind (a corrupt record)
     */
    public static RowKind fromByteValue(byte value) {
        if (value < 0 || value >= BY_VALUE.length) {
            throw new IllegalArgumentException("Unknown row kind byte " + value);
        }
        return BY_VALUE[value];
    }

    /**
     * Parses the short form ({@code +I}, {@code -U}, {@code +U}, {@code -D}).
     *
     * @throws IllegalArgumentException for any other string
     */
    public static RowKind fromShortString(String s) {
        for (RowKind kind : BY_VALUE) {
            if (kind.shortString.equals(s)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("Unknown row kind '" + s + "'; expected +I, -U, +U or -D");
    }
}
