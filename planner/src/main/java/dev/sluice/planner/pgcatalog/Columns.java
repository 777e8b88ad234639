package dev.sluice.planner.pgcatalog;

import dev.sluice.common.types.Column;
import dev.sluice.common.types.SqlType;
import java.util.ArrayList;
import java.util.List;

/**
 * Column lists of system relations written compactly, {@code "oid:oid relname:name relkind:char"},
 * with PostgreSQL's catalog type names mapped to Sluice types: {@code oid}, {@code regproc} and
 * {@code xid} are integers (clients read them as numbers or text), {@code name} and {@code "char"}
 * are varchar, {@code int2vector}/{@code oidvector} are arrays.
 */
final class Columns {
    private Columns() {}

    static List<Column> parse(String spec) {
        List<Column> out = new ArrayList<>();
        for (String part : spec.trim().split("\\s+")) {
            int colon = part.indexOf(':');
            out.add(Column.of(part.substring(0, colon), type(part.substring(colon + 1))));
        }
        return out;
    }

    static SqlType type(String t) {
        return switch (t) {
            case "oid", "int4", "xid", "regclass", "regtype" -> SqlType.INT;
            case "int2" -> SqlType.SMALLINT;
            case "int8" -> SqlType.BIGINT;
            case "float4" -> SqlType.REAL;
            case "float8" -> SqlType.DOUBLE;
            case "bool" -> SqlType.BOOLEAN;
            case "name", "char", "regproc" -> SqlType.VARCHAR;
            case "text" -> SqlType.TEXT;
            case "tstz" -> SqlType.TIMESTAMPTZ;
            case "text[]", "name[]", "aclitem[]" -> SqlType.array(SqlType.TEXT);
            case "int2[]", "int2vector" -> SqlType.array(SqlType.SMALLINT);
            case "oid[]", "oidvector" -> SqlType.array(SqlType.INT);
            case "char[]" -> SqlType.array(SqlType.VARCHAR);
            default -> throw new IllegalArgumentException("unknown catalog column type " + t);
        };
    }
}
