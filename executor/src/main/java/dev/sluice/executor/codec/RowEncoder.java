package dev.sluice.executor.codec;

import dev.sluice.common.types.Schema;
import dev.sluice.common.types.SqlType;
import dev.sluice.common.types.TypeKind;

/**
 * Writes rows in {@link RowCodec}'s format one column at a time into a buffer that is reused from
 * row to row, for ingest paths that have no {@link dev.sluice.common.Row} to hand (COPY): no
 * allocation per row, and text that is already UTF-8 is copied as it is. The bytes are exactly
 * those of {@link RowCodec#encode} for the same values.
 *
 * <p>Use: {@link #begin}, then one of {@link #writeNull}, {@link #write}, {@link #writeLong} or
 * {@link #writeUtf8} per column in column order, then read {@link #array()} up to {@link
 * #length()} (valid until the next {@link #begin}). Not thread-safe.
 */
public final class RowEncoder {
    private final Schema schema;
    private final SqlType[] types;
    private final ByteWriter out;
    private int bitmap;
    private int column;

    public RowEncoder(Schema schema) {
        this.schema = schema;
        this.types = new SqlType[schema.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = schema.column(i).type();
        }
        this.out = new ByteWriter(16 + schema.size() * 16);
    }

    /** Starts a row (drops the previous one). */
    public void begin() {
        out.truncate(0);
        out.write(RowCodec.FORMAT_VERSION);
        out.writeUnsignedVarLong(types.length);
        bitmap = out.reserve(RowCodec.bitmapBytes(types.length));
        column = 0;
    }

    /** The next column is NULL. */
    public void writeNull() {
        out.setBit(bitmap, next());
    }

    /** The next column's value, of its type's Java class (see {@link RowCodec}). */
    public void write(Object value) {
        int c = next();
        if (value == null) {
            out.setBit(bitmap, c);
        } else {
            RowCodec.writeValue(out, types[c], value, schema.column(c).name());
        }
    }

    /** The next column's value, for a SMALLINT, INT or BIGINT column (the caller checks the range). */
    public void writeLong(long value) {
        int c = current();
        if (!types[c].kind().isIntegral()) {
            throw new IllegalArgumentException("column " + schema.column(c).name() + " is not an integer");
        }
        column++;
        out.writeVarLong(value);
    }

    /**
     * The next column's value as UTF-8 bytes, for a VARCHAR, TEXT or JSONB column; the bytes must be
     * valid UTF-8 (what {@code String.getBytes(UTF_8)} would have produced).
     */
    public void writeUtf8(byte[] bytes, int offset, int length) {
        int c = current();
        TypeKind kind = types[c].kind();
        if (kind != TypeKind.VARCHAR && kind != TypeKind.TEXT && kind != TypeKind.JSONB) {
            throw new IllegalArgumentException("column " + schema.column(c).name() + " is not text");
        }
        column++;
        out.writeUnsignedVarLong(length);
        out.write(bytes, offset, length);
    }

    /** The encoded row; valid up to {@link #length()} until the next {@link #begin}. */
    public byte[] array() {
        if (column != types.length) {
            throw new IllegalStateException("row has " + column + " of " + types.length + " columns");
        }
        return out.array();
    }

    public int length() {
        return out.size();
    }

    private int next() {
        int c = current();
        column++;
        return c;
    }

    private int current() {
        if (column == types.length) {
            throw new IllegalStateException("row has only " + types.length + " columns");
        }
        return column;
    }
}
