package dev.sluice.common;

import java.util.Arrays;
import java.util.Objects;

/**
 * One row of a changelog: a {@link RowKind} and the column values, positionally matching a {@link
 * dev.sluice.common.types.Schema}. See {@link dev.sluice.common.types.SqlType} for the Java class of
 * each SQL type's values; SQL NULL is {@code null}.
 *
 * <p>Immutable: the constructor copies the values, and {@code byte[]} values must not be changed
 * by their owner after the row is built. Equality compares the kind and the values ({@code byte[]}
 * by content).
 */
public final class Row {
    private final RowKind kind;
    private final Object[] values;

    private Row(RowKind kind, Object[] values) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.values = values;
    }

    /** An insert ({@code +I}) row. */
    public static Row of(Object... values) {
        return new Row(RowKind.INSERT, values.clone());
    }

    public static Row ofKind(RowKind kind, Object... values) {
        return new Row(kind, values.clone());
    }

    public RowKind kind() {
        return kind;
    }

    public int arity() {
        return values.length;
    }

    public Object get(int index) {
        return values[index];
    }

    public boolean isNull(int index) {
        return values[index] == null;
    }

    /** The same values with another kind (e.g. turning an insert into its retraction). */
    public Row withKind(RowKind newKind) {
        return newKind == kind ? this : new Row(newKind, values);
    }

    /** A copy of the values. */
    public Object[] toArray() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Row other && kind == other.kind && Arrays.deepEquals(values, other.values);
    }

    @Override
    public int hashCode() {
        return 31 * kind.hashCode() + Arrays.deepHashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(kind.shortString()).append('(');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            Object v = values[i];
            sb.append(v instanceof byte[] b ? "\\x" + java.util.HexFormat.of().formatHex(b) : String.valueOf(v));
        }
        return sb.append(')').toString();
    }
}
