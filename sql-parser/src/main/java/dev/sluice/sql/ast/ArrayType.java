package dev.sluice.sql.ast;

/** {@code ARRAY<T>} (also written {@code T[]}). */
public record ArrayType(SourcePos pos, DataType element) implements DataType {
    public ArrayType {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
