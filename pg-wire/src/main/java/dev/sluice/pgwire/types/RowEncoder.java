package dev.sluice.pgwire.types;

import dev.sluice.common.Row;
import dev.sluice.common.SluiceException;
import dev.sluice.common.SqlState;
import dev.sluice.common.types.Column;
import dev.sluice.common.types.SqlType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.time.ZoneId;
import java.util.List;

/**
 * Encodes the DataRows of one result: the column types and formats are fixed once per result
 * (Materialize's {@code set_encode_state}), so a row needs no per-value type lookup.
 *
 * <pre>
 * DataRow 'D' | Int32 length | Int16 ncols | (Int32 len or -1, bytes)*
 * </pre>
 */
public final class RowEncoder {
    private final SqlType[] types;
    private final boolean[] binary;
    private final ZoneId zone;

    /**
     * @param formats per-column format codes resolved from Bind (0 text, 1 binary)
     */
    public RowEncoder(List<Column> columns, short[] formats, ZoneId zone) {
        this.types = new SqlType[columns.size()];
        this.binary = new boolean[columns.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = columns.get(i).type();
            binary[i] = formats[i] == 1;
        }
        this.zone = zone;
    }

    public void writeDataRow(ByteBuf out, Row row) {
        if (row.arity() != types.length) {
            throw SluiceException.internal(
                    "row has " + row.arity() + " values but the result has " + types.length + " columns", null);
        }
        int start = out.writerIndex();
        out.writeByte('D');
        out.writeInt(0);
        out.writeShort(types.length);
        for (int i = 0; i < types.length; i++) {
            Object v = row.get(i);
            if (v == null) {
                out.writeInt(-1);
            } else if (binary[i]) {
                BinaryCodec.writeWithLength(out, v, types[i], zone);
            } else {
                writeText(out, v, types[i]);
            }
        }
        out.setInt(start + 1, out.writerIndex() - start - 1);
    }

    private void writeText(ByteBuf out, Object v, SqlType type) {
        int lengthAt = out.writerIndex();
        out.writeInt(0);
        try {
            ByteBufUtil.writeUtf8(out, TextCodec.encode(v, type, zone));
        } catch (ClassCastException e) {
            throw new SluiceException(
                    SqlState.INTERNAL_ERROR,
                    "engine produced a " + v.getClass().getSimpleName() + " for a " + type.pgDisplayName() + " column",
                    e);
        }
        out.setInt(lengthAt, out.writerIndex() - lengthAt - 4);
    }

    /** The text form of one value, for COPY TO. */
    public String text(Object v, int column) {
        return TextCodec.encode(v, types[column], zone);
    }
}
