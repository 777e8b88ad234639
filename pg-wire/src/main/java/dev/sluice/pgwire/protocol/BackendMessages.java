package dev.sluice.pgwire.protocol;

import dev.sluice.common.SluiceException;
import dev.sluice.common.types.Column;
import dev.sluice.pgwire.engine.Notice;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.List;

/**
 * One writer per backend message. Each appends {@code type | Int32 length | body} to the buffer,
 * reserving the length and back-patching it once the body is written.
 */
public final class BackendMessages {
    private BackendMessages() {}

    public static final int AUTH_OK = 0;
    public static final int AUTH_CLEARTEXT = 3;
    public static final int AUTH_SASL = 10;
    public static final int AUTH_SASL_CONTINUE = 11;
    public static final int AUTH_SASL_FINAL = 12;

    private static int begin(ByteBuf out, char type) {
        int start = out.writerIndex();
        out.writeByte(type);
        out.writeInt(0);
        return start;
    }

    private static void end(ByteBuf out, int start) {
        out.setInt(start + 1, out.writerIndex() - start - 1);
    }

    private static void cstring(ByteBuf out, String s) {
        ByteBufUtil.writeUtf8(out, s);
        out.writeByte(0);
    }

    public static void authentication(ByteBuf out, int code) {
        int s = begin(out, 'R');
        out.writeInt(code);
        end(out, s);
    }

    public static void authenticationSasl(ByteBuf out, List<String> mechanisms) {
        int s = begin(out, 'R');
        out.writeInt(AUTH_SASL);
        for (String m : mechanisms) {
            cstring(out, m);
        }
        out.writeByte(0);
        end(out, s);
    }

    public static void authenticationSaslData(ByteBuf out, int code, byte[] data) {
        int s = begin(out, 'R');
        out.writeInt(code);
        out.writeBytes(data);
        end(out, s);
    }

    public static void parameterStatus(ByteBuf out, String name, String value) {
        int s = begin(out, 'S');
        cstring(out, name);
        cstring(out, value);
        end(out, s);
    }

    public static void backendKeyData(ByteBuf out, int pid, int secret) {
        int s = begin(out, 'K');
        out.writeInt(pid);
        out.writeInt(secret);
        end(out, s);
    }

    public static void negotiateProtocolVersion(ByteBuf out, int newestMinor, List<String> unrecognised) {
        int s = begin(out, 'v');
        out.writeInt(newestMinor);
        out.writeInt(unrecognised.size());
        for (String name : unrecognised) {
            cstring(out, name);
        }
        end(out, s);
    }

    public static void readyForQuery(ByteBuf out, char status) {
        int s = begin(out, 'Z');
        out.writeByte(status);
        end(out, s);
    }

    /**
     * RowDescription: per field name, table OID and attnum (of the table column the field is a
     * plain reference to, else 0 and 0), type OID, typlen, typmod, format.
     *
     * @param formats per-column format codes, or null for all text
     */
    public static void rowDescription(ByteBuf out, List<Column> columns, short[] formats) {
        int s = begin(out, 'T');
        out.writeShort(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            cstring(out, c.name());
            out.writeInt(c.tableOid());
            out.writeShort(c.attnum());
            out.writeInt(c.type().oid());
            out.writeShort(c.type().typlen());
            out.writeInt(c.type().typmod());
            out.writeShort(formats == null ? 0 : formats[i]);
        }
        end(out, s);
    }

    public static void parameterDescription(ByteBuf out, int[] oids) {
        int s = begin(out, 't');
        out.writeShort(oids.length);
        for (int oid : oids) {
            out.writeInt(oid);
        }
        end(out, s);
    }

    public static void commandComplete(ByteBuf out, String tag) {
        int s = begin(out, 'C');
        cstring(out, tag);
        end(out, s);
    }

    /** A message with an empty body: ParseComplete '1', BindComplete '2', CloseComplete '3', NoData 'n', PortalSuspended 's', EmptyQueryResponse 'I', CopyDone 'c'. */
    public static void empty(ByteBuf out, char type) {
        out.writeByte(type);
        out.writeInt(4);
    }

    /** CopyInResponse 'G' / CopyOutResponse 'H': overall format and every column's, text (0) or binary (1). */
    public static void copyResponse(ByteBuf out, char type, int columns, boolean binary) {
        int s = begin(out, type);
        out.writeByte(binary ? 1 : 0);
        out.writeShort(columns);
        for (int i = 0; i < columns; i++) {
            out.writeShort(binary ? 1 : 0);
        }
        end(out, s);
    }

    /** CopyData whose body {@code body} writes (binary COPY). */
    public static void copyData(ByteBuf out, java.util.function.Consumer<ByteBuf> body) {
        int s = begin(out, 'd');
        body.accept(out);
        end(out, s);
    }

    public static void copyData(ByteBuf out, CharSequence line) {
        int s = begin(out, 'd');
        ByteBufUtil.writeUtf8(out, line);
        end(out, s);
    }

    /** ErrorResponse with S, V, C, M and, when present, D, H and P (so psql draws its caret). */
    public static void error(ByteBuf out, String severity, SluiceException e) {
        int s = begin(out, 'E');
        field(out, 'S', severity);
        field(out, 'V', severity);
        field(out, 'C', e.sqlState());
        field(out, 'M', e.getMessage());
        e.detail().ifPresent(d -> field(out, 'D', d));
        e.hint().ifPresent(h -> field(out, 'H', h));
        if (e.position().isPresent()) {
            field(out, 'P', Integer.toString(e.position().getAsInt()));
        }
        e.context().ifPresent(w -> field(out, 'W', w));
        out.writeByte(0);
        end(out, s);
    }

    public static void notice(ByteBuf out, Notice n) {
        int s = begin(out, 'N');
        field(out, 'S', n.severity());
        field(out, 'V', n.severity());
        field(out, 'C', n.sqlState());
        field(out, 'M', n.message());
        if (n.detail() != null) {
            field(out, 'D', n.detail());
        }
        if (n.hint() != null) {
            field(out, 'H', n.hint());
        }
        out.writeByte(0);
        end(out, s);
    }

    private static void field(ByteBuf out, char code, String value) {
        out.writeByte(code);
        cstring(out, value);
    }
}
