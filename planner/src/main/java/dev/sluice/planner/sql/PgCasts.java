package dev.sluice.planner.sql;

import dev.sluice.common.types.SqlType;
import dev.sluice.sql.ast.ArrayType;
import dev.sluice.sql.ast.Cast;
import dev.sluice.sql.ast.DataType;
import dev.sluice.sql.ast.NamedType;
import java.util.Locale;
import java.util.Optional;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Casts to PostgreSQL's catalog types, which clients write in their catalog queries:
 *
 * <ul>
 *   <li>{@code 'pg_class'::regclass}, {@code ::regtype}, {@code ::regnamespace}, {@code ::regrole}
 *       become calls of the catalog functions {@code sluice_regclass(...)} etc., which resolve a
 *       name to an OID (an integer) at run time; {@code ::regproc} keeps the function's name.
 *   <li>{@code oid::regclass::text} (a reg cast, then a cast to text) prints the name instead:
 *       {@code sluice_regclass_name(oid)}.
 *   <li>{@code ::oid}, {@code ::xid} are integers; {@code ::name}, {@code ::"char"}, {@code
 *       ::bpchar} are varchar; {@code ::pg_catalog.text} and other qualified built-in names are
 *       the built-in type.
 * </ul>
 */
final class PgCasts {
    private PgCasts() {}

    /** The Calcite node for {@code c}, or empty when it is an ordinary cast to a SPEC type. */
    static Optional<SqlNode> convert(Cast c, ExpressionConverter expressions, SqlParserPos pos) {
        DataType target = c.type();
        if (target.toSqlType().isPresent()) {
            SqlType t = target.toSqlType().get();
            if (t.kind() == dev.sluice.common.types.TypeKind.ARRAY
                    && ExpressionConverter.isArrayLiteral(c.expression())) {
                // '{a,b}'::text[]: PostgreSQL's array literal, as pgjdbc's getSQLKeywords writes it.
                SqlNode array =
                        ExpressionConverter.arrayLiteral((dev.sluice.sql.ast.StringLiteral) c.expression(), pos);
                return Optional.of(SqlStdOperatorTable.CAST.createCall(pos, array, TypeSpecs.of(t, pos)));
            }
            if (t.kind().isCharacter() && c.expression() instanceof Cast inner) {
                String reg = regName(inner.type());
                if (reg != null && !reg.equals("regproc")) {
                    return Optional.of(call("sluice_" + reg + "_name", pos, expressions.convert(inner.expression())));
                }
            }
            return Optional.empty();
        }
        String reg = regName(target);
        if (reg != null) {
            return Optional.of(call("sluice_" + reg, pos, expressions.convert(c.expression())));
        }
        SqlType mapped = catalogType(target);
        if (mapped == null) {
            return Optional.empty();
        }
        return Optional.of(SqlStdOperatorTable.CAST.createCall(
                pos, expressions.convert(c.expression()), TypeSpecs.of(mapped, pos)));
    }

    /**
     * A result column that is a reg cast ({@code SELECT 'users'::regclass}) prints as the name, as
     * PostgreSQL's output function does; {@code converted} is the column's node.
     */
    static SqlNode regOutput(dev.sluice.sql.ast.Expression e, SqlNode converted) {
        if (e instanceof Cast c) {
            String reg = regName(c.type());
            if (reg != null && !reg.equals("regproc")) {
                return call("sluice_" + reg + "_name", converted.getParserPosition(), converted);
            }
        }
        return converted;
    }

    /** {@code regclass}, {@code regtype}, ... for a cast to one, else null. */
    private static String regName(DataType type) {
        if (!(type instanceof NamedType n) || !catalogQualified(n)) {
            return null;
        }
        String name = n.name().last().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "regclass", "regtype", "regnamespace", "regrole" -> name;
            case "regproc", "regprocedure" -> "regproc";
            default -> null;
        };
    }

    private static boolean catalogQualified(NamedType n) {
        return n.name().parts().size() == 1
                || (n.name().parts().size() == 2 && n.name().parts().get(0).equals("pg_catalog"));
    }

    /** The Sluice type of a catalog type name, or null. */
    static SqlType catalogType(DataType type) {
        if (type instanceof ArrayType a) {
            SqlType element = a.element().toSqlType().orElseGet(() -> catalogType(a.element()));
            return element == null ? null : SqlType.array(element);
        }
        if (!(type instanceof NamedType n) || !catalogQualified(n)) {
            return null;
        }
        return switch (n.name().last().toLowerCase(Locale.ROOT)) {
            case "oid", "xid", "cid", "regoper", "regoperator", "regconfig", "regdictionary", "int4" -> SqlType.INT;
            case "name", "char", "bpchar", "unknown", "varchar", "character varying" -> SqlType.VARCHAR;
            case "text" -> SqlType.TEXT;
            case "bool", "boolean" -> SqlType.BOOLEAN;
            case "int2", "smallint" -> SqlType.SMALLINT;
            case "int8", "bigint" -> SqlType.BIGINT;
            case "float4", "real" -> SqlType.REAL;
            case "float8" -> SqlType.DOUBLE;
            case "numeric" -> SqlType.DECIMAL;
            case "int2vector" -> SqlType.array(SqlType.SMALLINT);
            case "oidvector" -> SqlType.array(SqlType.INT);
            case "date" -> SqlType.DATE;
            case "timestamp" -> SqlType.TIMESTAMP;
            case "timestamptz" -> SqlType.TIMESTAMPTZ;
            case "interval" -> SqlType.INTERVAL;
            case "jsonb" -> SqlType.JSONB;
            case "bytea" -> SqlType.BYTEA;
            default -> null;
        };
    }

    static SqlNode call(String function, SqlParserPos pos, SqlNode... operands) {
        SqlUnresolvedFunction f = new SqlUnresolvedFunction(
                new SqlIdentifier(function.toUpperCase(Locale.ROOT), pos),
                null,
                null,
                null,
                null,
                SqlFunctionCategory.USER_DEFINED_FUNCTION);
        return f.createCall(pos, operands);
    }
}
