package dev.sluice.pgwire.types;

import dev.sluice.common.SluiceException;
import dev.sluice.common.SqlState;
import dev.sluice.common.types.Interval;
import dev.sluice.common.types.SqlType;
import dev.sluice.common.types.TypeKind;
import io.netty.buffer.ByteBuf;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's binary format (format code 1) for every Sluice type, as pgjdbc requests it after a
 * statement is server-prepared and sends it for parameters from the first execution. Bodies only:
 * the caller writes the Int32 length prefix.
 *
 * <pre>
 * bool      Int8 0/1                     int2/int4/int8  big-endian     float4/float8  IEEE 754
 * numeric   see {@link PgNumeric}        text/varchar    UTF-8 bytes    bytea          raw bytes
 * date      Int32 days since 2000-01-01  time            Int64 micros of the day
 * timestamp(tz) Int64 micros since 2000-01-01 00:00 (UTC for tz)
 * interval  Int64 micros | Int32 days | Int32 months
 * jsonb     Int8 version 1 | UTF-8 JSON text
 * array     Int32 ndim | Int32 hasNull | Int32 element oid | (Int32 size, Int32 lbound=1)*ndim | (Int32 len, bytes)*
 * record    Int32 nfields | (Int32 oid, Int32 len, bytes)*
 * </pre>
 */
public final class BinaryCodec {
    private BinaryCodec() {}

    /** Writes a non-null value's body. */
    public static void encode(ByteBuf out, Object value, SqlType type, ZoneId zone) {
        switch (type.kind()) {
            case BOOLEAN -> out.writeByte(((Boolean) value) ? 1 : 0);
            case SMALLINT -> out.writeShort(((Number) value).shortValue());
            case INT -> out.writeInt(((Number) value).intValue());
            case BIGINT -> out.writeLong(((Number) value).longValue());
            case REAL -> out.writeFloat(((Number) value).floatValue());
            case DOUBLE -> out.writeDouble(((Number) value).doubleValue());
            case DECIMAL -> PgNumeric.write(out, (BigDecimal) value);
            case VARCHAR, TEXT -> out.writeCharSequence((String) value, StandardCharsets.UTF_8);
            case BYTEA -> out.writeBytes((byte[]) value);
            case DATE -> out.writeInt(PgDateTimes.toPgDays((LocalDate) value));
            case TIME -> out.writeLong(((LocalTime) value).toNanoOfDay() / 1000);
            case TIMESTAMP -> out.writeLong(PgDateTimes.toPgMicros((LocalDateTime) value));
            case TIMESTAMPTZ -> out.writeLong(PgDateTimes.toPgMicros((Instant) value));
            case INTERVAL -> {
                Interval iv = (Interval) value;
                out.writeLong(iv.micros());
                out.writeInt(iv.days());
                out.writeInt(iv.months());
            }
            case JSONB, MAP -> {
                out.writeByte(1);
                out.writeCharSequence(TextCodec.encode(value, type, zone), StandardCharsets.UTF_8);
            }
            case ARRAY -> encodeArray(out, (List<?>) value, type.element(), zone);
            case STRUCT -> {
                List<?> values = (List<?>) value;
                out.writeInt(values.size());
                for (int i = 0; i < values.size(); i++) {
                    SqlType fieldType = type.fields().get(i).type();
                    out.writeInt(fieldType.oid());
                    writeWithLength(out, values.get(i), fieldType, zone);
                }
            }
        }
    }

    private static void encodeArray(ByteBuf out, List<?> list, SqlType element, ZoneId zone) {
        if (element.kind() == TypeKind.ARRAY) {
            throw SluiceException.notSupported("binary output of multi-dimensional arrays");
        }
        boolean hasNull = false;
        for (Object v : list) {
            hasNull |= v == null; // not list.contains(null): immutable lists throw on it
        }
        out.writeInt(1);
        out.writeInt(hasNull ? 1 : 0);
        out.writeInt(element.oid());
        out.writeInt(list.size());
        out.writeInt(1);
        for (Object v : list) {
            writeWithLength(out, v, element, zone);
        }
    }

    /** Writes Int32 length (-1 for null) and the body. */
    public static void writeWithLength(ByteBuf out, Object value, SqlType type, ZoneId zone) {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        int lengthAt = out.writerIndex();
        out.writeInt(0);
        encode(out, value, type, zone);
        out.setInt(lengthAt, out.writerIndex() - lengthAt - 4);
    }

    /**
     * Reads a value sent with the PostgreSQL type {@code oid} (what the client declared) into the
     * Java class of the Sluice type {@code type}.
     *
     * @param in exactly the value's bytes
     */
    public static Object decode(ByteBuf in, int oid, SqlType type, ZoneId zone) {
        try {
            Object v = decodeByOid(in, oid, type, zone);
            if (in.isReadable()) {
                throw badLength(type);
            }
            return Coercions.coerce(v, type);
        } catch (IndexOutOfBoundsException e) {
            throw badLength(type);
        }
    }

    private static SluiceException badLength(SqlType type) {
        return new SluiceException(
                SqlState.INVALID_BINARY_REPRESENTATION,
                "incorrect binary data format in bind parameter of type " + type.pgDisplayName());
    }

    private static Object decodeByOid(ByteBuf in, int oid, SqlType type, ZoneId zone) {
        switch (oid) {
            case PgTypes.BOOL:
                return in.readByte() != 0;
            case PgTypes.INT2:
                return in.readShort();
            case PgTypes.INT4:
                return in.readInt();
            case PgTypes.INT8:
                return in.readLong();
            case PgTypes.OID:
                return in.readUnsignedInt();
            case PgTypes.FLOAT4:
                return in.readFloat();
            case PgTypes.FLOAT8:
                return in.readDouble();
            case PgTypes.NUMERIC:
                return PgNumeric.read(in);
            case PgTypes.TEXT,
                    PgTypes.VARCHAR,
                    PgTypes.BPCHAR,
                    PgTypes.NAME,
                    PgTypes.CHAR,
                    PgTypes.UNKNOWN,
                    PgTypes.JSON:
                return in.readCharSequence(in.readableBytes(), StandardCharsets.UTF_8)
                        .toString();
            case PgTypes.BYTEA:
                byte[] bytes = new byte[in.readableBytes()];
                in.readBytes(bytes);
                return bytes;
            case PgTypes.DATE:
                return PgDateTimes.fromPgDays(in.readInt());
            case PgTypes.TIME:
                return LocalTime.ofNanoOfDay(in.readLong() * 1000);
            case PgTypes.TIMESTAMP:
                return PgDateTimes.fromPgMicros(in.readLong());
            case PgTypes.TIMESTAMPTZ:
                return PgDateTimes.instantFromPgMicros(in.readLong());
            case PgTypes.INTERVAL:
                long micros = in.readLong();
                int days = in.readInt();
                int months = in.readInt();
                return new Interval(months, days, micros);
            case PgTypes.JSONB:
                byte version = in.readByte();
                if (version != 1) {
                    // as PostgreSQL's jsonb_recv; text sent as jsonb would otherwise lose its first character
                    throw new SluiceException(
                            SqlState.INVALID_BINARY_REPRESENTATION, "unsupported jsonb version number " + version);
                }
                return in.readCharSequence(in.readableBytes(), StandardCharsets.UTF_8)
                        .toString();
            case PgTypes.UUID:
                long hi = in.readLong();
                long lo = in.readLong();
                return new java.util.UUID(hi, lo).toString();
            default:
                break;
        }
        if (type.kind() == TypeKind.ARRAY && oid == type.oid()) {
            return decodeArray(in, type.element(), zone);
        }
        SqlType declared = PgTypes.sqlTypeOf(oid);
        if (declared != null && declared.kind() == TypeKind.ARRAY) {
            return decodeArray(in, declared.element(), zone);
        }
        if (oid == 0 && type.kind() != TypeKind.ARRAY && type.kind().oid() != 0) {
            return decodeByOid(in, type.kind().oid(), type, zone);
        }
        throw SluiceException.notSupported("binary input for type oid " + oid);
    }

    private static List<Object> decodeArray(ByteBuf in, SqlType element, ZoneId zone) {
        int ndim = in.readInt();
        in.readInt(); // has-null flag; nulls are marked per element anyway
        int elementOid = in.readInt();
        if (ndim == 0) {
            return new ArrayList<>();
        }
        if (ndim != 1) {
            throw SluiceException.notSupported("binary input of multi-dimensional arrays");
        }
        int size = in.readInt();
        in.readInt(); // lower bound
        List<Object> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int len = in.readInt();
            if (len < 0) {
                out.add(null);
            } else {
                out.add(decode(in.readSlice(len), elementOid, element, zone));
            }
        }
        return out;
    }
}
