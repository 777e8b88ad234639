package dev.sluice.pgwire.types;

import dev.sluice.common.types.SqlType;
import dev.sluice.common.types.TypeKind;

/**
 * PostgreSQL type OIDs that clients send or expect, and their mapping to Sluice types. The OIDs of
 * Sluice's own types live in {@link TypeKind}; this adds the client-side ones (unknown, bpchar,
 * name, oid, json, uuid, ...) that arrive in Parse and Bind.
 */
public final class PgTypes {
    private PgTypes() {}

    public static final int UNSPECIFIED = 0;
    public static final int BOOL = 16;
    public static final int BYTEA = 17;
    public static final int CHAR = 18;
    public static final int NAME = 19;
    public static final int INT8 = 20;
    public static final int INT2 = 21;
    public static final int INT4 = 23;
    public static final int TEXT = 25;
    public static final int OID = 26;
    public static final int JSON = 114;
    public static final int FLOAT4 = 700;
    public static final int FLOAT8 = 701;
    public static final int UNKNOWN = 705;
    public static final int BPCHAR = 1042;
    public static final int VARCHAR = 1043;
    public static final int DATE = 1082;
    public static final int TIME = 1083;
    public static final int TIMESTAMP = 1114;
    public static final int TIMESTAMPTZ = 1184;
    public static final int INTERVAL = 1186;
    public static final int NUMERIC = 1700;
    public static final int UUID = 2950;
    public static final int JSONB = 3802;

    /**
     * The Sluice type for a client-declared parameter OID, or null when the OID is 0 / unknown
     * (the engine should infer) or has no Sluice counterpart.
     */
    public static SqlType sqlTypeOf(int oid) {
        switch (oid) {
            case CHAR, NAME, BPCHAR, UUID, UNKNOWN:
                return oid == UNKNOWN ? null : SqlType.TEXT;
            case OID:
                return SqlType.BIGINT;
            case JSON:
                return SqlType.JSONB;
            default:
                break;
        }
        for (TypeKind kind : TypeKind.values()) {
            if (kind == TypeKind.ARRAY || kind == TypeKind.MAP) {
                continue;
            }
            if (kind.oid() == oid) {
                return SqlType.of(kind);
            }
            if (kind.arrayOid() == oid) {
                return SqlType.array(SqlType.of(kind));
            }
        }
        return null;
    }
}
