package dev.sluice.pgwire.protocol;

import io.netty.buffer.ByteBuf;

/** Parses the body of one typed frontend message (the type byte and length already consumed). */
final class ClientMessages {
    private ClientMessages() {}

    static FrontendMessage parse(char type, ByteBuf body) {
        return switch (type) {
            case 'p' -> new FrontendMessage.PasswordData(bytes(body, body.readableBytes()));
            case 'Q' -> new FrontendMessage.Query(PgFrameDecoder.readCString(body));
            case 'P' -> parseParse(body);
            case 'B' -> parseBind(body);
            case 'D' -> new FrontendMessage.Describe(kind(body), PgFrameDecoder.readCString(body));
            case 'E' -> new FrontendMessage.Execute(PgFrameDecoder.readCString(body), body.readInt());
            case 'S' -> new FrontendMessage.Sync();
            case 'H' -> new FrontendMessage.Flush();
            case 'C' -> new FrontendMessage.Close(kind(body), PgFrameDecoder.readCString(body));
            case 'X' -> new FrontendMessage.Terminate();
            case 'd' -> new FrontendMessage.CopyData(bytes(body, body.readableBytes()));
            case 'c' -> new FrontendMessage.CopyDone();
            case 'f' -> new FrontendMessage.CopyFail(PgFrameDecoder.readCString(body));
            case 'F' -> {
                body.skipBytes(body.readableBytes());
                yield new FrontendMessage.FunctionCall();
            }
            default -> throw new ProtocolException("invalid frontend message type '" + type + "'");
        };
    }

    private static char kind(ByteBuf body) {
        char kind = (char) body.readByte();
        if (kind != 'S' && kind != 'P') {
            throw new ProtocolException("invalid DESCRIBE/CLOSE message subtype " + (int) kind);
        }
        return kind;
    }

    private static FrontendMessage parseParse(ByteBuf body) {
        String name = PgFrameDecoder.readCString(body);
        String sql = PgFrameDecoder.readCString(body);
        int n = body.readUnsignedShort();
        int[] oids = new int[n];
        for (int i = 0; i < n; i++) {
            oids[i] = body.readInt();
        }
        return new FrontendMessage.Parse(name, sql, oids);
    }

    private static FrontendMessage parseBind(ByteBuf body) {
        String portal = PgFrameDecoder.readCString(body);
        String statement = PgFrameDecoder.readCString(body);
        short[] paramFormats = shorts(body);
        int n = body.readUnsignedShort();
        byte[][] params = new byte[n][];
        for (int i = 0; i < n; i++) {
            int len = body.readInt();
            if (len < -1 || len > body.readableBytes()) {
                throw new ProtocolException("invalid length " + len + " of bind parameter " + (i + 1));
            }
            params[i] = len == -1 ? null : bytes(body, len);
        }
        short[] resultFormats = shorts(body);
        return new FrontendMessage.Bind(portal, statement, paramFormats, params, resultFormats);
    }

    private static short[] shorts(ByteBuf body) {
        int n = body.readUnsignedShort();
        short[] out = new short[n];
        for (int i = 0; i < n; i++) {
            out[i] = body.readShort();
            if (out[i] != 0 && out[i] != 1) {
                throw new ProtocolException("invalid format code " + out[i]);
            }
        }
        return out;
    }

    private static byte[] bytes(ByteBuf body, int n) {
        byte[] b = new byte[n];
        body.readBytes(b);
        return b;
    }
}
