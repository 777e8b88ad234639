package dev.sluice.sql.ast;

import dev.sluice.common.types.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A type as written in a column definition or a cast. SPEC types become {@link BuiltinType}, {@link
 * ArrayType}, {@link MapType} and {@link StructType}; every other name (PostgreSQL's {@code regclass},
 * {@code oid}, qualified {@code pg_catalog.text}, ...) stays a {@link NamedType} for the planner.
 */
public interface DataType extends Node {

    /** The Sluice type this denotes, or empty when it names something outside SPEC §2 (a NamedType). */
    default Optional<SqlType> toSqlType() {
        if (this instanceof BuiltinType b) {
            return Optional.of(b.type());
        }
        if (this instanceof ArrayType a) {
            return a.element().toSqlType().map(SqlType::array);
        }
        if (this instanceof MapType m) {
            Optional<SqlType> k = m.key().toSqlType();
            Optional<SqlType> v = m.value().toSqlType();
            return k.isPresent() && v.isPresent() ? Optional.of(SqlType.map(k.get(), v.get())) : Optional.empty();
        }
        if (this instanceof StructType s) {
            List<SqlType.Field> fields = new ArrayList<>();
            for (StructField f : s.fields()) {
                Optional<SqlType> t = f.type().toSqlType();
                if (t.isEmpty()) {
                    return Optional.empty();
                }
                fields.add(new SqlType.Field(f.name(), t.get()));
            }
            return Optional.of(SqlType.struct(fields));
        }
        return Optional.empty();
    }
}
