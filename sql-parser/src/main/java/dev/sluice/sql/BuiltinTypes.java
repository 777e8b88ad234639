package dev.sluice.sql;

import dev.sluice.common.types.SqlType;
import dev.sluice.common.types.TypeKind;
import dev.sluice.sql.ast.BuiltinType;
import dev.sluice.sql.ast.DataType;
import dev.sluice.sql.ast.SourcePos;
import java.util.List;
import java.util.Map;
import org.antlr.v4.runtime.Token;

/**
 * The unqualified type names that denote SPEC §2 types, with PostgreSQL's and ksqlDB's synonyms
 * ({@code int4}, {@code float8}, {@code numeric}, {@code string}, ...). Any other name stays a
 * NamedType so that casts such as {@code ::regclass} reach the planner untouched.
 */
final class BuiltinTypes {
    private BuiltinTypes() {}

    private static final Map<String, TypeKind> NAMES = Map.ofEntries(
            Map.entry("boolean", TypeKind.BOOLEAN),
            Map.entry("bool", TypeKind.BOOLEAN),
            Map.entry("smallint", TypeKind.SMALLINT),
            Map.entry("int2", TypeKind.SMALLINT),
            Map.entry("int", TypeKind.INT),
            Map.entry("integer", TypeKind.INT),
            Map.entry("int4", TypeKind.INT),
            Map.entry("bigint", TypeKind.BIGINT),
            Map.entry("int8", TypeKind.BIGINT),
            Map.entry("real", TypeKind.REAL),
            Map.entry("float4", TypeKind.REAL),
            Map.entry("double", TypeKind.DOUBLE),
            Map.entry("float8", TypeKind.DOUBLE),
            Map.entry("float", TypeKind.DOUBLE),
            Map.entry("decimal", TypeKind.DECIMAL),
            Map.entry("numeric", TypeKind.DECIMAL),
            Map.entry("varchar", TypeKind.VARCHAR),
            Map.entry("string", TypeKind.VARCHAR),
            Map.entry("text", TypeKind.TEXT),
            Map.entry("bytea", TypeKind.BYTEA),
            Map.entry("bytes", TypeKind.BYTEA),
            Map.entry("date", TypeKind.DATE),
            Map.entry("time", TypeKind.TIME),
            Map.entry("timestamp", TypeKind.TIMESTAMP),
            Map.entry("timestamptz", TypeKind.TIMESTAMPTZ),
            Map.entry("interval", TypeKind.INTERVAL),
            Map.entry("jsonb", TypeKind.JSONB));

    /** The builtin type for {@code name(mods)}, or null when the name is not a SPEC type. */
    static DataType lookup(SourcePos pos, String name, List<Integer> mods, Token at) {
        TypeKind kind = NAMES.get(name);
        if (kind == null) {
            return null;
        }
        SqlType type;
        switch (kind) {
            case DECIMAL -> {
                check(mods.size() <= 2, name, at);
                int p = mods.isEmpty() ? SqlType.UNSPECIFIED : mods.get(0);
                int s = mods.size() < 2 ? SqlType.UNSPECIFIED : mods.get(1);
                try {
                    type = new SqlType(kind, SqlType.UNSPECIFIED, p, s, null, null, List.of());
                } catch (IllegalArgumentException e) {
                    throw SqlParseException.at(at, e.getMessage().toLowerCase(java.util.Locale.ROOT), null);
                }
            }
            case VARCHAR -> {
                check(mods.size() <= 1, name, at);
                if (!mods.isEmpty() && mods.get(0) < 1) {
                    throw SqlParseException.at(at, "length for type varchar must be at least 1", null);
                }
                type = mods.isEmpty() ? SqlType.VARCHAR : SqlType.varchar(mods.get(0));
            }
            case TIME, TIMESTAMP, TIMESTAMPTZ -> {
                check(mods.size() <= 1, name, at);
                type = ExpressionBuilder.withPrecision(kind, mods.isEmpty() ? SqlType.UNSPECIFIED : mods.get(0));
            }
            default -> {
                check(mods.isEmpty(), name, at);
                type = SqlType.of(kind);
            }
        }
        return new BuiltinType(pos, type);
    }

    private static void check(boolean ok, String name, Token at) {
        if (!ok) {
            throw SqlParseException.at(at, "invalid type modifiers for type " + name, null);
        }
    }
}
