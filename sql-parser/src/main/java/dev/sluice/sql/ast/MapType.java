package dev.sluice.sql.ast;

/** {@code MAP<K, V>}. */
public record MapType(SourcePos pos, DataType key, DataType value) implements DataType {
    public MapType {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
