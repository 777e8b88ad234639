package dev.sluice.sql.ast;

import java.util.List;

/** {@code STRUCT<name T, ...>}. */
public record StructType(SourcePos pos, List<StructField> fields) implements DataType {
    public StructType {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
        fields = fields == null ? List.of() : List.copyOf(fields);
    }
}
