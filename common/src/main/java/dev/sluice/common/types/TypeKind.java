package dev.sluice.common.types;

/**
 * The SQL types of Sluice (SPEC §2 "Types") with the PostgreSQL type each one is reported as.
 *
 * <p>{@code oid} and {@code arrayOid} are PostgreSQL's {@code pg_type.oid} values for the type and
 * for an array of it; {@code typlen} is {@code pg_type.typlen} (-1 for variable length). MAP has no
 * PostgreSQL counterpart and is reported as {@code jsonb}; STRUCT is reported as the anonymous
 * composite {@code record}.
 *
 * <p>The Java value of each kind inside a {@link dev.sluice.common.Row} is given by {@link
 * #javaClass()}; see {@link SqlType} for the full value mapping.
 */
public enum TypeKind {
    BOOLEAN("boolean", "bool", 16, 1000, 1, Boolean.class),
    SMALLINT("smallint", "int2", 21, 1005, 2, Short.class),
    INT("integer", "int4", 23, 1007, 4, Integer.class),
    BIGINT("bigint", "int8", 20, 1016, 8, Long.class),
    REAL("real", "float4", 700, 1021, 4, Float.class),
    DOUBLE("double precision", "float8", 701, 1022, 8, Double.class),
    DECIMAL("numeric", "numeric", 1700, 1231, -1, java.math.BigDecimal.class),
    VARCHAR("character varying", "varchar", 1043, 1015, -1, String.class),
    TEXT("text", "text", 25, 1009, -1, String.class),
    BYTEA("bytea", "bytea", 17, 1001, -1, byte[].class),
    DATE("date", "date", 1082, 1182, 4, java.time.LocalDate.class),
    TIME("time without time zone", "time", 1083, 1183, 8, java.time.LocalTime.class),
    TIMESTAMP("timestamp without time zone", "timestamp", 1114, 1115, 8, java.time.LocalDateTime.class),
    TIMESTAMPTZ("timestamp with time zone", "timestamptz", 1184, 1185, 8, java.time.Instant.class),
    INTERVAL("interval", "interval", 1186, 1187, 16, Interval.class),
    JSONB("jsonb", "jsonb", 3802, 3807, -1, String.class),
    ARRAY("array", "_", 0, 0, -1, java.util.List.class),
    MAP("map", "jsonb", 3802, 3807, -1, java.util.Map.class),
    STRUCT("record", "record", 2249, 2287, -1, java.util.List.class);

    private final String pgDisplayName;
    private final String pgTypeName;
    private final int oid;
    private final int arrayOid;
    private final int typlen;
    private final Class<?> javaClass;

    TypeKind(String pgDisplayName, String pgTypeName, int oid, int arrayOid, int typlen, Class<?> javaClass) {
        this.pgDisplayName = pgDisplayName;
        this.pgTypeName = pgTypeName;
        this.oid = oid;
        this.arrayOid = arrayOid;
        this.typlen = typlen;
        this.javaClass = javaClass;
    }

    /** The name {@code format_type()} prints, e.g. {@code character varying}. */
    public String pgDisplayName() {
        return pgDisplayName;
    }

    /** {@code pg_type.typname}, e.g. {@code varchar}. For ARRAY the element's name is appended. */
    public String pgTypeName() {
        return pgTypeName;
    }

    /** {@code pg_type.oid}; 0 for ARRAY, whose OID depends on its element type. */
    public int oid() {
        return oid;
    }

    /** The OID of an array of this type, 0 if PostgreSQL has none. */
    public int arrayOid() {
        return arrayOid;
    }

    /** {@code pg_type.typlen}: the fixed size in bytes, or -1 for variable-length types. */
    public int typlen() {
        return typlen;
    }

    /** The Java class of a non-null value of this kind inside a row. */
    public Class<?> javaClass() {
        return javaClass;
    }

    public boolean isNumeric() {
        return switch (this) {
            case SMALLINT, INT, BIGINT, REAL, DOUBLE, DECIMAL -> true;
            default -> false;
        };
    }

    public boolean isIntegral() {
        return this == SMALLINT || this == INT || this == BIGINT;
    }

    public boolean isCharacter() {
        return this == VARCHAR || this == TEXT;
    }

    public boolean isTemporal() {
        return switch (this) {
            case DATE, TIME, TIMESTAMP, TIMESTAMPTZ -> true;
            default -> false;
        };
    }
}
