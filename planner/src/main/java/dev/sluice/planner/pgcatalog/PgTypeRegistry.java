package dev.sluice.planner.pgcatalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rows of {@code pg_type}: every SPEC §2 type and its array type with PostgreSQL's OIDs (the
 * same ones {@link dev.sluice.common.types.TypeKind} reports in RowDescription), plus the catalog
 * types the system relations use ({@code name}, {@code oid}, {@code "char"}, {@code regclass}, ...),
 * and what {@code format_type()} prints for each.
 */
public final class PgTypeRegistry {
    /**
     * One {@code pg_type} row.
     *
     * @param display what {@code format_type(oid, -1)} prints
     * @param category {@code typcategory}
     * @param elem {@code typelem} (the element of an array type), 0 if none
     * @param array {@code typarray}, 0 if none
     * @param typtype 'b' base, 'p' pseudo
     */
    public record PgType(
            int oid,
            String name,
            String display,
            int length,
            boolean byValue,
            char typtype,
            char category,
            int elem,
            int array,
            String input,
            String output,
            char align,
            int collation) {

        public boolean isArray() {
            return elem != 0 && input.equals("array_in");
        }
    }

    private static final List<PgType> TYPES = new ArrayList<>();
    private static final Map<Integer, PgType> BY_OID = new HashMap<>();
    private static final Map<String, PgType> BY_NAME = new HashMap<>();

    static {
        base(16, "bool", "boolean", 1, true, 'B', 1000, "boolin", "boolout", 'c', 0);
        base(17, "bytea", "bytea", -1, false, 'U', 1001, "byteain", "byteaout", 'i', 0);
        base(18, "char", "\"char\"", 1, true, 'Z', 1002, "charin", "charout", 'c', 0);
        base(19, "name", "name", 64, false, 'S', 1003, "namein", "nameout", 'c', 950);
        base(20, "int8", "bigint", 8, true, 'N', 1016, "int8in", "int8out", 'd', 0);
        base(21, "int2", "smallint", 2, true, 'N', 1005, "int2in", "int2out", 's', 0);
        base(22, "int2vector", "int2vector", -1, false, 'A', 1006, "int2vectorin", "int2vectorout", 'i', 0);
        base(23, "int4", "integer", 4, true, 'N', 1007, "int4in", "int4out", 'i', 0);
        base(24, "regproc", "regproc", 4, true, 'N', 1008, "regprocin", "regprocout", 'i', 0);
        base(25, "text", "text", -1, false, 'S', 1009, "textin", "textout", 'i', 100);
        base(26, "oid", "oid", 4, true, 'N', 1028, "oidin", "oidout", 'i', 0);
        base(30, "oidvector", "oidvector", -1, false, 'A', 1013, "oidvectorin", "oidvectorout", 'i', 0);
        base(114, "json", "json", -1, false, 'U', 199, "json_in", "json_out", 'i', 0);
        base(700, "float4", "real", 4, true, 'N', 1021, "float4in", "float4out", 'i', 0);
        base(701, "float8", "double precision", 8, true, 'N', 1022, "float8in", "float8out", 'd', 0);
        base(1042, "bpchar", "character", -1, false, 'S', 1014, "bpcharin", "bpcharout", 'i', 100);
        base(1043, "varchar", "character varying", -1, false, 'S', 1015, "varcharin", "varcharout", 'i', 100);
        base(1082, "date", "date", 4, true, 'D', 1182, "date_in", "date_out", 'i', 0);
        base(1083, "time", "time without time zone", 8, true, 'D', 1183, "time_in", "time_out", 'd', 0);
        base(
                1114,
                "timestamp",
                "timestamp without time zone",
                8,
                true,
                'D',
                1115,
                "timestamp_in",
                "timestamp_out",
                'd',
                0);
        base(
                1184,
                "timestamptz",
                "timestamp with time zone",
                8,
                true,
                'D',
                1185,
                "timestamptz_in",
                "timestamptz_out",
                'd',
                0);
        base(1186, "interval", "interval", 16, false, 'T', 1187, "interval_in", "interval_out", 'd', 0);
        base(1700, "numeric", "numeric", -1, false, 'N', 1231, "numeric_in", "numeric_out", 'i', 0);
        base(2205, "regclass", "regclass", 4, true, 'N', 2210, "regclassin", "regclassout", 'i', 0);
        base(2206, "regtype", "regtype", 4, true, 'N', 2211, "regtypein", "regtypeout", 'i', 0);
        base(3802, "jsonb", "jsonb", -1, false, 'U', 3807, "jsonb_in", "jsonb_out", 'i', 0);
        pseudo(2249, "record", "record", 2287, "record_in", "record_out");
        pseudo(2276, "any", "\"any\"", 0, "any_in", "any_out");
        pseudo(2277, "anyarray", "anyarray", 0, "anyarray_in", "anyarray_out");
        pseudo(2278, "void", "void", 0, "void_in", "void_out");
        pseudo(705, "unknown", "unknown", 0, "unknownin", "unknownout");
        // Array types: one per base type that names one.
        for (PgType t : List.copyOf(TYPES)) {
            if (t.array() != 0) {
                add(new PgType(
                        t.array(),
                        "_" + t.name(),
                        t.display() + "[]",
                        -1,
                        false,
                        'b',
                        'A',
                        t.oid(),
                        0,
                        "array_in",
                        "array_out",
                        t.align() == 'd' ? 'd' : 'i',
                        t.collation()));
            }
        }
    }

    private PgTypeRegistry() {}

    private static void base(
            int oid,
            String name,
            String display,
            int len,
            boolean byVal,
            char category,
            int array,
            String in,
            String out,
            char align,
            int collation) {
        add(new PgType(oid, name, display, len, byVal, 'b', category, 0, array, in, out, align, collation));
    }

    private static void pseudo(int oid, String name, String display, int array, String in, String out) {
        add(new PgType(
                oid,
                name,
                display,
                oid == 705 ? -2 : -1,
                false,
                'p',
                oid == 705 ? 'X' : 'P',
                0,
                array,
                in,
                out,
                'd',
                0));
    }

    private static void add(PgType t) {
        TYPES.add(t);
        BY_OID.put(t.oid(), t);
        BY_NAME.putIfAbsent(t.name(), t);
    }

    public static List<PgType> all() {
        return Collections.unmodifiableList(TYPES);
    }

    public static Optional<PgType> byOid(int oid) {
        return Optional.ofNullable(BY_OID.get(oid));
    }

    /** By {@code typname} or by a display name or alias ({@code integer}, {@code int}, {@code character varying}). */
    public static Optional<PgType> byName(String name) {
        String n = name.trim();
        if (n.startsWith("pg_catalog.")) {
            n = n.substring("pg_catalog.".length());
        }
        if (n.endsWith("[]")) {
            return byName(n.substring(0, n.length() - 2)).map(t -> BY_OID.get(t.array()));
        }
        PgType t = BY_NAME.get(n);
        if (t != null) {
            return Optional.of(t);
        }
        String alias =
                switch (n) {
                    case "boolean" -> "bool";
                    case "smallint" -> "int2";
                    case "int", "integer" -> "int4";
                    case "bigint" -> "int8";
                    case "real" -> "float4";
                    case "double precision", "double", "float" -> "float8";
                    case "decimal" -> "numeric";
                    case "character varying", "string" -> "varchar";
                    case "character", "char" -> "bpchar";
                    case "timestamp without time zone" -> "timestamp";
                    case "timestamp with time zone" -> "timestamptz";
                    case "time without time zone" -> "time";
                    case "\"char\"" -> "char";
                    default -> null;
                };
        return alias == null ? Optional.empty() : Optional.ofNullable(BY_NAME.get(alias));
    }

    /** {@code format_type(oid, typmod)}. */
    public static String formatType(int oid, int typmod) {
        PgType t = BY_OID.get(oid);
        if (t == null) {
            return "???";
        }
        if (t.isArray()) {
            return formatType(t.elem(), typmod) + "[]";
        }
        String base = t.display();
        if (typmod < 0) {
            return base;
        }
        return switch (oid) {
            case 1043, 1042 -> base + "(" + (typmod - 4) + ")";
            case 1700 -> {
                int v = typmod - 4;
                yield "numeric(" + ((v >> 16) & 0xffff) + "," + (v & 0xffff) + ")";
            }
            case 1114 -> "timestamp(" + typmod + ") without time zone";
            case 1184 -> "timestamp(" + typmod + ") with time zone";
            case 1083 -> "time(" + typmod + ") without time zone";
            default -> base;
        };
    }
}
