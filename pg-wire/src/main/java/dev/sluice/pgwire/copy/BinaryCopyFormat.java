package dev.sluice.pgwire.copy;

import dev.sluice.common.Row;
import dev.sluice.common.SluiceException;
import dev.sluice.common.SqlState;
import dev.sluice.common.types.Column;
import dev.sluice.common.types.SqlType;
import dev.sluice.pgwire.types.BinaryCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * PostgreSQL's binary COPY file format ({@code COPY ... (FORMAT binary)}), both directions. Field
 * values use the binary type codecs of the extended protocol ({@link BinaryCodec}).
 *
 * <pre>
 * header:  signature   11 bytes  "PGCOPY\n\377\r\n\0"           SIGNATURE
 *          flags       int32     bit 16 = OIDs included (refused); other high bits must be 0
 *          extension   int32     length of the header extension that follows, then that many bytes (skipped)
 * tuple:   field count int16     = the number of columns
 *          per field   int32     length, -1 for NULL; then that many bytes of the value's binary form
 * trailer: int16 -1
 * </pre>
 *
 * <p>On input the bytes may be cut anywhere by CopyData messages: {@link Reader#feed} keeps the
 * unfinished tuple and decodes whole ones only. As in PostgreSQL, the data may end without a
 * trailer at a tuple boundary; it may not end inside the header or a tuple (22P04), and a wrong
 * signature is 22P04 too. The caller aborts the COPY on any error, so nothing is written.
 */
public final class BinaryCopyFormat {
    static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    static final int SIGNATURE_LENGTH = SIGNATURE.length;
    static final int FLAGS_LENGTH = 4;
    static final int EXTENSION_LENGTH_LENGTH = 4;
    static final int HEADER_LENGTH = SIGNATURE_LENGTH + FLAGS_LENGTH + EXTENSION_LENGTH_LENGTH;
    static final int FIELD_COUNT_LENGTH = 2;
    static final int FIELD_LENGTH_LENGTH = 4;
    static final int OIDS_FLAG = 1 << 16;
    static final short TRAILER = -1;

    private BinaryCopyFormat() {}

    /** Writes the header: signature, no flags, no extension. */
    public static void writeHeader(ByteBuf out) {
        out.writeBytes(SIGNATURE);
        out.writeInt(0);
        out.writeInt(0);
    }

    /** Writes one tuple. */
    public static void writeTuple(ByteBuf out, Row row, List<Column> columns, ZoneId zone) {
        out.writeShort(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            BinaryCodec.writeWithLength(out, row.get(i), columns.get(i).type(), zone);
        }
    }

    public static void writeTrailer(ByteBuf out) {
        out.writeShort(TRAILER);
    }

    /** Decodes the binary COPY stream of {@code COPY ... FROM STDIN (FORMAT binary)} into rows. */
    public static final class Reader {
        private final List<Column> columns;
        private final ZoneId zone;
        private final Consumer<Row> rows;
        private byte[] pending = new byte[8192];
        private int length;
        private boolean headerRead;
        private boolean ended;
        private long tuples;

        public Reader(List<Column> columns, ZoneId zone, Consumer<Row> rows) {
            this.columns = columns;
            this.zone = zone;
            this.rows = rows;
        }

        /** The number of the tuple being read (1-based), for error details; 0 in the header. */
        public long line() {
            return headerRead ? tuples + 1 : 0;
        }

        /** Takes the bytes of one CopyData message and decodes every tuple they complete. */
        public void feed(byte[] data) {
            if (ended) {
                return; // PostgreSQL ignores what follows the trailer too
            }
            if (length + data.length > pending.length) {
                pending = Arrays.copyOf(pending, Math.max(pending.length * 2, length + data.length));
            }
            System.arraycopy(data, 0, pending, length, data.length);
            length += data.length;
            int consumed = decode();
            System.arraycopy(pending, consumed, pending, 0, length - consumed);
            length -= consumed;
        }

        /** CopyDone: the data must end at a tuple boundary (or after the trailer). */
        public void finish() {
            if (!headerRead) {
                throw length == 0
                        ? new SluiceException(SqlState.BAD_COPY_FILE_FORMAT, "COPY file signature not recognized")
                        : truncated();
            }
            if (!ended && length > 0) {
                throw truncated();
            }
        }

        /** Decodes what is complete; returns how many bytes that was. */
        private int decode() {
            int at = 0;
            if (!headerRead) {
                int checkable = Math.min(length, SIGNATURE_LENGTH);
                if (!Arrays.equals(pending, 0, checkable, SIGNATURE, 0, checkable)) {
                    throw new SluiceException(SqlState.BAD_COPY_FILE_FORMAT, "COPY file signature not recognized");
                }
                if (length < HEADER_LENGTH) {
                    return 0;
                }
                int flags = readInt(SIGNATURE_LENGTH);
                if ((flags & OIDS_FLAG) != 0) {
                    throw SluiceException.notSupported("binary COPY data with OIDs");
                }
                if ((flags & 0xFFFF0000 & ~OIDS_FLAG) != 0) {
                    throw new SluiceException(
                            SqlState.BAD_COPY_FILE_FORMAT, "unrecognized critical flags in COPY file header");
                }
                int extension = readInt(SIGNATURE_LENGTH + FLAGS_LENGTH);
                if (extension < 0) {
                    throw new SluiceException(SqlState.BAD_COPY_FILE_FORMAT, "invalid COPY file header (wrong length)");
                }
                if (length < HEADER_LENGTH + extension) {
                    return 0;
                }
                headerRead = true;
                at = HEADER_LENGTH + extension;
            }
            while (!ended) {
                int end = tupleEnd(at);
                if (end < 0) {
                    break;
                }
                at = end;
            }
            return at;
        }

        /** Decodes the tuple at {@code at} if it is complete; returns its end, or -1 to wait for more bytes. */
        private int tupleEnd(int at) {
            if (length - at < FIELD_COUNT_LENGTH) {
                return -1;
            }
            short count = (short) (((pending[at] & 0xFF) << 8) | (pending[at + 1] & 0xFF));
            if (count == TRAILER) {
                ended = true;
                return at + FIELD_COUNT_LENGTH;
            }
            if (count != columns.size()) {
                throw new SluiceException(
                        SqlState.BAD_COPY_FILE_FORMAT, "row field count is " + count + ", expected " + columns.size());
            }
            // 1) find the end of every field; 2) only then decode, so a tuple is decoded once
            int p = at + FIELD_COUNT_LENGTH;
            for (int i = 0; i < count; i++) {
                if (length - p < FIELD_LENGTH_LENGTH) {
                    return -1;
                }
                int fieldLength = readInt(p);
                p += FIELD_LENGTH_LENGTH;
                if (fieldLength < -1) {
                    throw new SluiceException(SqlState.BAD_COPY_FILE_FORMAT, "invalid field size");
                }
                if (fieldLength > 0) {
                    if (length - p < fieldLength) {
                        return -1;
                    }
                    p += fieldLength;
                }
            }
            Object[] values = new Object[count];
            int q = at + FIELD_COUNT_LENGTH;
            for (int i = 0; i < count; i++) {
                int fieldLength = readInt(q);
                q += FIELD_LENGTH_LENGTH;
                if (fieldLength >= 0) {
                    values[i] = decodeField(q, fieldLength, columns.get(i));
                    q += fieldLength;
                }
            }
            tuples++;
            rows.accept(Row.of(values));
            return p;
        }

        private Object decodeField(int offset, int fieldLength, Column column) {
            SqlType type = column.type();
            try {
                return BinaryCodec.decode(Unpooled.wrappedBuffer(pending, offset, fieldLength), type.oid(), type, zone);
            } catch (SluiceException e) {
                if (!SqlState.INVALID_BINARY_REPRESENTATION.equals(e.sqlState())) {
                    throw e;
                }
                throw new SluiceException(
                        SqlState.INVALID_BINARY_REPRESENTATION,
                        "incorrect binary data format in COPY field for column \"" + column.name() + "\" of type "
                                + type.pgDisplayName());
            }
        }

        private int readInt(int at) {
            return ((pending[at] & 0xFF) << 24)
                    | ((pending[at + 1] & 0xFF) << 16)
                    | ((pending[at + 2] & 0xFF) << 8)
                    | (pending[at + 3] & 0xFF);
        }

        private static SluiceException truncated() {
            return new SluiceException(SqlState.BAD_COPY_FILE_FORMAT, "unexpected EOF in COPY data");
        }
    }
}
