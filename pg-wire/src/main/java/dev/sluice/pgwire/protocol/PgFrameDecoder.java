package dev.sluice.pgwire.protocol;

import dev.sluice.common.SqlState;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Framing: bytes in, {@link FrontendMessage}s out. Never blocks and never buffers more than one
 * message of at most {@code maxMessageSize} bytes.
 *
 * <pre>
 * STARTUP   Int32 length (incl. itself) | Int32 code | body       (no type byte)
 *             code 80877103 SSLRequest, 80877104 GSSENCRequest  -> stay in STARTUP
 *             code 80877102 CancelRequest (Int32 pid, Int32 key) -> DONE
 *             code 3.x StartupMessage (key\0value\0 ... \0)      -> MESSAGES
 * MESSAGES  Byte1 type | Int32 length (incl. itself) | body
 * DONE      everything is discarded (the connection is closing)
 * </pre>
 *
 * <p>A bad length, an unknown type byte or a body that does not parse throws {@link
 * ProtocolException}; the handler answers FATAL and closes. The length is checked before the body
 * is buffered, so a hostile length never allocates.
 */
public final class PgFrameDecoder extends ByteToMessageDecoder {
    public static final int SSL_REQUEST_CODE = 80877103;
    public static final int GSSENC_REQUEST_CODE = 80877104;
    public static final int CANCEL_REQUEST_CODE = 80877102;
    /** PostgreSQL's MAX_STARTUP_PACKET_LENGTH. */
    static final int MAX_STARTUP_LENGTH = 10_000;

    private enum State {
        STARTUP,
        MESSAGES,
        DONE
    }

    private final int maxMessageSize;
    private State state = State.STARTUP;

    public PgFrameDecoder(int maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    /** Stops decoding: what follows is dropped (after a FATAL error). */
    public void discardRest() {
        state = State.DONE;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (true) {
            switch (state) {
                case DONE -> {
                    in.skipBytes(in.readableBytes());
                    return;
                }
                case STARTUP -> {
                    FrontendMessage m = decodeStartup(in);
                    if (m == null) {
                        return;
                    }
                    out.add(m);
                }
                case MESSAGES -> {
                    FrontendMessage m = decodeMessage(in);
                    if (m == null) {
                        return;
                    }
                    out.add(m);
                }
            }
        }
    }

    private FrontendMessage decodeStartup(ByteBuf in) {
        if (in.readableBytes() < 4) {
            return null;
        }
        int length = in.getInt(in.readerIndex());
        if (length < 8 || length > MAX_STARTUP_LENGTH) {
            state = State.DONE;
            throw new ProtocolException("invalid length of startup packet: " + length);
        }
        if (in.readableBytes() < length) {
            return null;
        }
        in.skipBytes(4);
        ByteBuf body = in.readSlice(length - 4);
        int code = body.readInt();
        switch (code) {
            case SSL_REQUEST_CODE:
                expectEnd(body);
                return new FrontendMessage.SslRequest();
            case GSSENC_REQUEST_CODE:
                expectEnd(body);
                return new FrontendMessage.GssEncRequest();
            case CANCEL_REQUEST_CODE:
                if (body.readableBytes() != 8) {
                    state = State.DONE;
                    throw new ProtocolException("invalid length of cancel request packet");
                }
                state = State.DONE;
                return new FrontendMessage.CancelRequest(body.readInt(), body.readInt());
            default:
                break;
        }
        if (code >>> 16 != 3) {
            state = State.DONE;
            throw new ProtocolException(
                    SqlState.FEATURE_NOT_SUPPORTED,
                    "unsupported frontend protocol " + (code >>> 16) + "." + (code & 0xFFFF)
                            + ": server supports 3.0 to 3.0");
        }
        Map<String, String> params = new LinkedHashMap<>();
        while (true) {
            String key = readCString(body);
            if (key.isEmpty()) {
                break;
            }
            params.put(key, readCString(body));
        }
        state = State.MESSAGES;
        return new FrontendMessage.Startup(code, params);
    }

    private FrontendMessage decodeMessage(ByteBuf in) {
        if (in.readableBytes() < 5) {
            return null;
        }
        int start = in.readerIndex();
        byte type = in.getByte(start);
        int length = in.getInt(start + 1);
        if (!isKnownType(type)) {
            state = State.DONE;
            throw new ProtocolException("invalid frontend message type " + describe(type));
        }
        if (length < 4) {
            state = State.DONE;
            throw new ProtocolException("invalid message length " + length + " for message type " + describe(type));
        }
        if (length > maxMessageSize) {
            state = State.DONE;
            throw new ProtocolException(
                    SqlState.PROGRAM_LIMIT_EXCEEDED,
                    "message of type " + describe(type) + " is " + length + " bytes, more than the maximum of "
                            + maxMessageSize + " bytes");
        }
        if (in.readableBytes() < length + 1) {
            return null;
        }
        in.skipBytes(5);
        ByteBuf body = in.readSlice(length - 4);
        try {
            FrontendMessage m = ClientMessages.parse((char) type, body);
            expectEnd(body);
            return m;
        } catch (IndexOutOfBoundsException e) {
            state = State.DONE;
            throw new ProtocolException("invalid message format: message type " + describe(type) + " is truncated");
        } catch (ProtocolException e) {
            state = State.DONE;
            throw e;
        }
    }

    private static boolean isKnownType(byte type) {
        return switch (type) {
            case 'p', 'Q', 'P', 'B', 'D', 'E', 'S', 'H', 'C', 'X', 'd', 'c', 'f', 'F' -> true;
            default -> false;
        };
    }

    private static String describe(byte type) {
        return type >= 32 && type < 127 ? "'" + (char) type + "'" : String.format("0x%02x", type & 0xFF);
    }

    private static void expectEnd(ByteBuf body) {
        if (body.isReadable()) {
            throw new ProtocolException(
                    "invalid message format: " + body.readableBytes() + " unexpected trailing bytes");
        }
    }

    static String readCString(ByteBuf buf) {
        int end = buf.indexOf(buf.readerIndex(), buf.writerIndex(), (byte) 0);
        if (end < 0) {
            throw new ProtocolException("invalid string in message: missing terminator");
        }
        String s = buf.toString(buf.readerIndex(), end - buf.readerIndex(), StandardCharsets.UTF_8);
        buf.readerIndex(end + 1);
        return s;
    }
}
