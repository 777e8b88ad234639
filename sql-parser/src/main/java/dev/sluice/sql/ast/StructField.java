package dev.sluice.sql.ast;

/** A field of a {@link StructType}. */
public record StructField(SourcePos pos, String name, DataType type) implements Node {
    public StructField {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
