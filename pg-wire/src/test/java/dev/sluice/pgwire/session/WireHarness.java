package dev.sluice.pgwire.session;

import dev.sluice.pgwire.auth.AuthMethod;
import dev.sluice.pgwire.auth.InMemoryUserStore;
import dev.sluice.pgwire.fake.FakeEngine;
import dev.sluice.pgwire.protocol.PgFrameDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An EmbeddedChannel with the real pipeline (framing + connection handler) and a session whose
 * "worker pool" runs tasks inline, so every test is single-threaded and deterministic. Frontend
 * messages are built byte by byte here, independent of the server's own encoders.
 */
final class WireHarness implements AutoCloseable {
    static final int MAX_MESSAGE = 64 * 1024;

    final FakeEngine engine;
    final ServerContext context;
    final EmbeddedChannel channel;

    WireHarness() {
        this(new ServerContext(
                new FakeEngine(),
                new InMemoryUserStore(),
                AuthMethod.TRUST,
                new SessionRegistry(),
                Runnable::run,
                "sluice",
                10,
                Duration.ofSeconds(60),
                Duration.ZERO));
    }

    WireHarness(ServerContext context) {
        this.context = context;
        this.engine = (FakeEngine) context.engine();
        this.channel = new EmbeddedChannel(new PgFrameDecoder(MAX_MESSAGE), new ConnectionHandler(context, null));
    }

    /** A second connection to the same server. */
    WireHarness another() {
        return new WireHarness(context);
    }

    /** A backend message as received. */
    record Msg(char type, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** An ErrorResponse/NoticeResponse field, e.g. 'C' for the SQLSTATE. */
        String field(char code) {
            ByteBuf b = Unpooled.wrappedBuffer(body);
            while (b.isReadable()) {
                byte f = b.readByte();
                if (f == 0) {
                    break;
                }
                int end = b.indexOf(b.readerIndex(), b.writerIndex(), (byte) 0);
                String v = b.toString(b.readerIndex(), end - b.readerIndex(), StandardCharsets.UTF_8);
                b.readerIndex(end + 1);
                if (f == code) {
                    return v;
                }
            }
            return null;
        }
    }

    void send(ByteBuf bytes) {
        channel.writeInbound(bytes);
        channel.runPendingTasks();
    }

    void send(byte[] bytes) {
        send(Unpooled.wrappedBuffer(bytes));
    }

    /** Everything the server wrote so far, split into messages (a leading single byte 'N'/'S' is kept as type only). */
    List<Msg> received() {
        channel.runPendingTasks();
        ByteBuf all = Unpooled.buffer();
        Object o;
        while ((o = channel.readOutbound()) != null) {
            ByteBuf b = (ByteBuf) o;
            all.writeBytes(b);
            b.release();
        }
        List<Msg> out = new ArrayList<>();
        while (all.isReadable()) {
            if (all.readableBytes() == 1) {
                out.add(new Msg((char) all.readByte(), new byte[0]));
                break;
            }
            char type = (char) all.readByte();
            int len = all.readInt();
            byte[] body = new byte[len - 4];
            all.readBytes(body);
            out.add(new Msg(type, body));
        }
        return out;
    }

    /** The raw bytes written so far (for the single-byte answers to SSLRequest/GSSENCRequest). */
    String rawReceived() {
        StringBuilder sb = new StringBuilder();
        Object o;
        while ((o = channel.readOutbound()) != null) {
            ByteBuf b = (ByteBuf) o;
            sb.append(b.toString(StandardCharsets.ISO_8859_1));
            b.release();
        }
        return sb.toString();
    }

    static String types(List<Msg> msgs) {
        StringBuilder sb = new StringBuilder();
        for (Msg m : msgs) {
            sb.append(m.type());
        }
        return sb.toString();
    }

    /** Startup as sluice/sluice; returns the server's reply. */
    List<Msg> startup() {
        send(startupMessage(196608, Map.of("user", "sluice", "database", "sluice")));
        return received();
    }

    // ---- frontend message builders ---------------------------------------------------------------

    static byte[] startupMessage(int version, Map<String, String> params) {
        ByteBuf b = Unpooled.buffer();
        b.writeInt(0);
        b.writeInt(version);
        for (Map.Entry<String, String> e : params.entrySet()) {
            cstr(b, e.getKey());
            cstr(b, e.getValue());
        }
        b.writeByte(0);
        b.setInt(0, b.writerIndex());
        return bytes(b);
    }

    static byte[] untyped(int code) {
        ByteBuf b = Unpooled.buffer();
        b.writeInt(8);
        b.writeInt(code);
        return bytes(b);
    }

    static byte[] typed(char type, ByteBuf body) {
        ByteBuf b = Unpooled.buffer();
        b.writeByte(type);
        b.writeInt(body.readableBytes() + 4);
        b.writeBytes(body);
        return bytes(b);
    }

    static byte[] query(String sql) {
        ByteBuf body = Unpooled.buffer();
        cstr(body, sql);
        return typed('Q', body);
    }

    static byte[] parse(String name, String sql, int... oids) {
        ByteBuf body = Unpooled.buffer();
        cstr(body, name);
        cstr(body, sql);
        body.writeShort(oids.length);
        for (int oid : oids) {
            body.writeInt(oid);
        }
        return typed('P', body);
    }

    /** Bind with text parameters and the given result format codes. */
    static byte[] bind(String portal, String statement, List<String> params, short... resultFormats) {
        ByteBuf body = Unpooled.buffer();
        cstr(body, portal);
        cstr(body, statement);
        body.writeShort(0);
        body.writeShort(params.size());
        for (String p : params) {
            if (p == null) {
                body.writeInt(-1);
            } else {
                byte[] v = p.getBytes(StandardCharsets.UTF_8);
                body.writeInt(v.length);
                body.writeBytes(v);
            }
        }
        body.writeShort(resultFormats.length);
        for (short f : resultFormats) {
            body.writeShort(f);
        }
        return typed('B', body);
    }

    static byte[] describe(char kind, String name) {
        ByteBuf body = Unpooled.buffer();
        body.writeByte(kind);
        cstr(body, name);
        return typed('D', body);
    }

    static byte[] execute(String portal, int maxRows) {
        ByteBuf body = Unpooled.buffer();
        cstr(body, portal);
        body.writeInt(maxRows);
        return typed('E', body);
    }

    static byte[] close(char kind, String name) {
        ByteBuf body = Unpooled.buffer();
        body.writeByte(kind);
        cstr(body, name);
        return typed('C', body);
    }

    static byte[] sync() {
        return typed('S', Unpooled.buffer());
    }

    static byte[] flush() {
        return typed('H', Unpooled.buffer());
    }

    static byte[] copyData(String data) {
        return typed('d', Unpooled.wrappedBuffer(data.getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] copyDone() {
        return typed('c', Unpooled.buffer());
    }

    static byte[] concat(byte[]... parts) {
        ByteBuf b = Unpooled.buffer();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return bytes(b);
    }

    private static void cstr(ByteBuf b, String s) {
        b.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        b.writeByte(0);
    }

    private static byte[] bytes(ByteBuf b) {
        byte[] out = new byte[b.readableBytes()];
        b.readBytes(out);
        return out;
    }

    @Override
    public void close() {
        channel.finishAndReleaseAll();
        engine.close();
    }
}
