package dev.sluice.sql.ast;

import dev.sluice.common.types.SqlType;

/** A scalar type of SPEC §2 (BOOLEAN ... JSONB) with its length, precision and scale. */
public record BuiltinType(SourcePos pos, SqlType type) implements DataType {
    public BuiltinType {
        pos = pos == null ? SourcePos.UNKNOWN : pos;
    }
}
