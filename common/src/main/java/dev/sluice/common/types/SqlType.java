package dev.sluice.common.types;

import java.util.List;
import java.util.Objects;

/**
 * A SQL type: a {@link TypeKind} plus its parameters (length, precision and scale, element, key and
 * value types, struct fields). Nullability belongs to the column ({@link Column}), not the type.
 *
 * <p>Java values inside a {@link dev.sluice.common.Row}: BOOLEAN {@link Boolean}, SMALLINT {@link
 * Short}, INT {@link Integer}, BIGINT {@link Long}, REAL {@link Float}, DOUBLE {@link Double}, DECIMAL
 * {@link java.math.BigDecimal}, VARCHAR/TEXT/JSONB {@link String}, BYTEA {@code byte[]}, DATE {@link
 * java.time.LocalDate}, TIME {@link java.time.LocalTime}, TIMESTAMP {@link java.time.LocalDateTime},
 * TIMESTAMPTZ {@link java.time.Instant}, INTERVAL {@link Interval}, ARRAY {@link List}, MAP {@link
 * java.util.Map}, STRUCT {@link List} of field values in field order; SQL NULL is Java {@code null}.
 *
 * @param kind the kind
 * @param length VARCHAR's maximum length, or {@link #UNSPECIFIED}
 * @param precision DECIMAL's precision (TIME/TIMESTAMP fractional digits), or {@link #UNSPECIFIED}
 * @param scale DECIMAL's scale, or {@link #UNSPECIFIED}
 * @param element ARRAY's element type, MAP's value type; otherwise null
 * @param key MAP's key type; otherwise null
 * @param fields STRUCT's fields; otherwise empty
 */
public record SqlType(
        TypeKind kind, int length, int precision, int scale, SqlType element, SqlType key, List<Field> fields) {

    /** Marks an absent length, precision or scale. */
    public static final int UNSPECIFIED = -1;

    /** A named field of a STRUCT. */
    public record Field(String name, SqlType type) {
        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }

    public static final SqlType BOOLEAN = of(TypeKind.BOOLEAN);
    public static final SqlType SMALLINT = of(TypeKind.SMALLINT);
    public static final SqlType INT = of(TypeKind.INT);
    public static final SqlType BIGINT = of(TypeKind.BIGINT);
    public static final SqlType REAL = of(TypeKind.REAL);
    public static final SqlType DOUBLE = of(TypeKind.DOUBLE);
    public static final SqlType DECIMAL = of(TypeKind.DECIMAL);
    public static final SqlType VARCHAR = of(TypeKind.VARCHAR);
    public static final SqlType TEXT = of(TypeKind.TEXT);
    public static final SqlType BYTEA = of(TypeKind.BYTEA);
    public static final SqlType DATE = of(TypeKind.DATE);
    public static final SqlType TIME = of(TypeKind.TIME);
    public static final SqlType TIMESTAMP = of(TypeKind.TIMESTAMP);
    public static final SqlType TIMESTAMPTZ = of(TypeKind.TIMESTAMPTZ);
    public static final SqlType INTERVAL = of(TypeKind.INTERVAL);
    public static final SqlType JSONB = of(TypeKind.JSONB);

    public SqlType {
        Objects.requireNonNull(kind, "kind");
        fields = List.copyOf(fields);
        switch (kind) {
            case ARRAY -> Objects.requireNonNull(element, "ARRAY needs an element type");
            case MAP -> {
                Objects.requireNonNull(key, "MAP needs a key type");
                Objects.requireNonNull(element, "MAP needs a value type");
            }
            case STRUCT -> {
                if (fields.isEmpty()) {
                    throw new IllegalArgumentException("STRUCT needs at least one field");
                }
            }
            case DECIMAL -> {
                if (precision != UNSPECIFIED && (precision < 1 || precision > 1000)) {
                    throw new IllegalArgumentException("DECIMAL precision must be between 1 and 1000: " + precision);
                }
                if (scale != UNSPECIFIED && (scale < 0 || (precision != UNSPECIFIED && scale > precision))) {
                    throw new IllegalArgumentException("DECIMAL scale must be between 0 and the precision: " + scale);
                }
            }
            case VARCHAR -> {
                if (length != UNSPECIFIED && length < 1) {
                    throw new IllegalArgumentException("VARCHAR length must be at least 1: " + length);
                }
            }
            default -> {}
        }
    }

    public static SqlType of(TypeKind kind) {
        return new SqlType(kind, UNSPECIFIED, UNSPECIFIED, UNSPECIFIED, null, null, List.of());
    }

    public static SqlType varchar(int length) {
        return new SqlType(TypeKind.VARCHAR, length, UNSPECIFIED, UNSPECIFIED, null, null, List.of());
    }

    public static SqlType decimal(int precision, int scale) {
        return new SqlType(TypeKind.DECIMAL, UNSPECIFIED, precision, scale, null, null, List.of());
    }

    public static SqlType array(SqlType element) {
        return new SqlType(TypeKind.ARRAY, UNSPECIFIED, UNSPECIFIED, UNSPECIFIED, element, null, List.of());
    }

    public static SqlType map(SqlType key, SqlType value) {
        return new SqlType(TypeKind.MAP, UNSPECIFIED, UNSPECIFIED, UNSPECIFIED, value, key, List.of());
    }

    public static SqlType struct(List<Field> fields) {
        return new SqlType(TypeKind.STRUCT, UNSPECIFIED, UNSPECIFIED, UNSPECIFIED, null, null, fields);
    }

    /** The OID clients see in RowDescription. Arrays of arrays and arrays of structs report {@code anyarray}-like text. */
    public int oid() {
        if (kind == TypeKind.ARRAY) {
            int arrayOid = element.kind == TypeKind.ARRAY ? element.oid() : element.kind.arrayOid();
            return arrayOid != 0 ? arrayOid : TypeKind.TEXT.arrayOid();
        }
        return kind.oid();
    }

    /**
     * The type modifier clients see in RowDescription and {@code pg_attribute.atttypmod}:
     * VARCHAR(n) is n + 4, NUMERIC(p, s) is ((p << 16) | s) + 4, everything else -1 (PostgreSQL's
     * encoding, which pgjdbc decodes for {@code getPrecision}/{@code getScale}).
     */
    public int typmod() {
        if (kind == TypeKind.VARCHAR && length != UNSPECIFIED) {
            return length + 4;
        }
        if (kind == TypeKind.DECIMAL && precision != UNSPECIFIED) {
            return ((precision << 16) | Math.max(scale, 0)) + 4;
        }
        return -1;
    }

    /** {@code pg_type.typlen}, the size clients see in RowDescription. */
    public int typlen() {
        return kind.typlen();
    }

    /** What PostgreSQL's {@code format_type(oid, typmod)} prints, e.g. {@code character varying(20)}. */
    public String pgDisplayName() {
        return switch (kind) {
            case VARCHAR -> length == UNSPECIFIED ? "character varying" : "character varying(" + length + ")";
            case DECIMAL ->
                precision == UNSPECIFIED ? "numeric" : "numeric(" + precision + "," + Math.max(scale, 0) + ")";
            case ARRAY -> element.pgDisplayName() + "[]";
            default -> kind.pgDisplayName();
        };
    }

    /** Sluice's canonical SQL spelling, as DDL and {@code SHOW CREATE} print it. */
    public String toSql() {
        return switch (kind) {
            case VARCHAR -> length == UNSPECIFIED ? "VARCHAR" : "VARCHAR(" + length + ")";
            case DECIMAL -> {
                if (precision == UNSPECIFIED) {
                    yield "DECIMAL";
                }
                yield scale == UNSPECIFIED ? "DECIMAL(" + precision + ")" : "DECIMAL(" + precision + ", " + scale + ")";
            }
            case DOUBLE -> "DOUBLE";
            case ARRAY -> "ARRAY<" + element.toSql() + ">";
            case MAP -> "MAP<" + key.toSql() + ", " + element.toSql() + ">";
            case STRUCT -> {
                StringBuilder sb = new StringBuilder("STRUCT<");
                for (int i = 0; i < fields.size(); i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    sb.append(fields.get(i).name())
                            .append(' ')
                            .append(fields.get(i).type().toSql());
                }
                yield sb.append('>').toString();
            }
            default -> kind.name();
        };
    }

    @Override
    public String toString() {
        return toSql();
    }
}
