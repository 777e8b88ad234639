package dev.sluice.pgwire.protocol;

import java.util.Map;

/**
 * Messages a client sends, decoded by {@link PgFrameDecoder}. The first four have no type byte
 * (they open a connection); the rest are typed messages.
 */
public sealed interface FrontendMessage {
    /** SSLRequest (code 80877103). */
    record SslRequest() implements FrontendMessage {}

    /** GSSENCRequest (code 80877104). */
    record GssEncRequest() implements FrontendMessage {}

    /** CancelRequest (code 80877102) on a fresh connection. */
    record CancelRequest(int processId, int secretKey) implements FrontendMessage {}

    /** StartupMessage: protocol version (major << 16 | minor) and parameters. */
    record Startup(int protocolVersion, Map<String, String> parameters) implements FrontendMessage {}

    /** 'p': a password, SASLInitialResponse or SASLResponse; the session knows which. */
    record PasswordData(byte[] body) implements FrontendMessage {}

    /** 'Q'. */
    record Query(String sql) implements FrontendMessage {}

    /** 'P'. */
    record Parse(String statement, String sql, int[] parameterTypeOids) implements FrontendMessage {}

    /** 'B'; a null entry in {@code parameters} is SQL NULL. */
    record Bind(String portal, String statement, short[] parameterFormats, byte[][] parameters, short[] resultFormats)
            implements FrontendMessage {}

    /** 'D': kind 'S' (statement) or 'P' (portal). */
    record Describe(char kind, String name) implements FrontendMessage {}

    /** 'E': maxRows 0 means all. */
    record Execute(String portal, int maxRows) implements FrontendMessage {}

    /** 'S'. */
    record Sync() implements FrontendMessage {}

    /** 'H'. */
    record Flush() implements FrontendMessage {}

    /** 'C': kind 'S' or 'P'. */
    record Close(char kind, String name) implements FrontendMessage {}

    /** 'X'. */
    record Terminate() implements FrontendMessage {}

    /** 'd'. */
    record CopyData(byte[] data) implements FrontendMessage {}

    /** 'c'. */
    record CopyDone() implements FrontendMessage {}

    /** 'f'. */
    record CopyFail(String message) implements FrontendMessage {}

    /** 'F' (fast-path function call; only large objects use it). */
    record FunctionCall() implements FrontendMessage {}
}
