package dev.sluice.pgwire.session;

import dev.sluice.common.SluiceException;
import dev.sluice.common.SqlState;
import dev.sluice.pgwire.protocol.BackendMessages;
import dev.sluice.pgwire.protocol.FrontendMessage;
import dev.sluice.pgwire.protocol.PgFrameDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event-loop end of a connection. Answers what must be answered before a session exists —
 * SSLRequest ('S' + TLS handshake, or 'N'), GSSENCRequest ('N'), CancelRequest (silently, then
 * close) — and hands everything else to the {@link PgSession}, which runs on the worker pool.
 * Nothing here blocks.
 */
public final class ConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionHandler.class);

    private final ServerContext server;
    private final SslContext sslContext;
    private PgSession session;
    private boolean tls;
    private boolean counted;

    public ConnectionHandler(ServerContext server, SslContext sslContext) {
        this.server = server;
        this.sslContext = sslContext;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        counted = true;
        boolean over = server.registry().connectionOpened() > server.maxConnections();
        session = new PgSession(ctx.channel(), server, over, false);
        long timeoutMs = server.authTimeout().toMillis();
        if (timeoutMs > 0) {
            ctx.executor()
                    .schedule(
                            () -> {
                                if (ctx.channel().isActive() && session.phase() != PgSession.Phase.READY) {
                                    LOG.debug(
                                            "closing {}: authentication timed out",
                                            ctx.channel().remoteAddress());
                                    session.idleTimeout();
                                }
                            },
                            timeoutMs,
                            TimeUnit.MILLISECONDS);
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        FrontendMessage m = (FrontendMessage) msg;
        if (m instanceof FrontendMessage.SslRequest) {
            if (sslContext != null && !tls) {
                tls = true;
                ctx.writeAndFlush(ctx.alloc().buffer(1).writeByte('S'));
                // added after 'S' went out in plaintext; the client's ClientHello comes next
                ctx.pipeline().addFirst("tls", sslContext.newHandler(ctx.alloc()));
                session = new PgSession(ctx.channel(), server, session.isOverConnectionLimit(), true);
            } else {
                ctx.writeAndFlush(ctx.alloc().buffer(1).writeByte('N'));
            }
        } else if (m instanceof FrontendMessage.GssEncRequest) {
            ctx.writeAndFlush(ctx.alloc().buffer(1).writeByte('N'));
        } else if (m instanceof FrontendMessage.CancelRequest c) {
            server.registry().cancel(c.processId(), c.secretKey());
            ctx.close();
        } else {
            session.enqueue(m);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && session != null) {
            session.wake();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent && session != null) {
            session.idleTimeout();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (counted) {
            counted = false;
            server.registry().connectionClosed();
        }
        if (session != null) {
            session.channelClosed();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (root instanceof SluiceException e) {
            // malformed input: the stream cannot be resynchronised, so FATAL and close
            LOG.debug("protocol error from {}: {}", ctx.channel().remoteAddress(), e.getMessage());
            PgFrameDecoder decoder = ctx.pipeline().get(PgFrameDecoder.class);
            if (decoder != null) {
                decoder.discardRest();
            }
            ByteBuf buf = ctx.alloc().buffer();
            BackendMessages.error(buf, "FATAL", e);
            ctx.writeAndFlush(buf).addListener(ChannelFutureListener.CLOSE);
        } else if (root instanceof IOException) {
            LOG.debug("connection {} failed: {}", ctx.channel().remoteAddress(), root.toString());
            ctx.close();
        } else {
            LOG.warn("unexpected error on connection {}", ctx.channel().remoteAddress(), root);
            ByteBuf buf = ctx.alloc().buffer();
            BackendMessages.error(buf, "FATAL", new SluiceException(SqlState.INTERNAL_ERROR, "internal error"));
            ctx.writeAndFlush(buf).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
