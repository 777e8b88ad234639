package dev.sluice.pgwire.session;

import dev.sluice.common.SluiceException;
import dev.sluice.pgwire.protocol.BackendMessages;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;

/**
 * A session's outgoing bytes. Messages are encoded into one buffer on the worker thread and handed
 * to Netty in chunks ({@link #flush}), so a result costs one cross-thread write per chunk, not per
 * row. Synchronized because the engine may send a notice from its own thread.
 */
final class Output {
    /** Hand a chunk to Netty once this much is buffered, even before a flush point. */
    static final int CHUNK_BYTES = 64 * 1024;

    private final Channel channel;
    private ByteBuf buf;

    Output(Channel channel) {
        this.channel = channel;
    }

    synchronized ByteBuf buf() {
        if (buf == null) {
            buf = channel.alloc().buffer(4096);
        }
        return buf;
    }

    synchronized void flush() {
        if (buf != null) {
            ByteBuf b = buf;
            buf = null;
            if (b.isReadable()) {
                channel.writeAndFlush(b, channel.voidPromise());
            } else {
                b.release();
            }
        }
    }

    /** Whether the buffered output is big enough to go out before a flush point. */
    synchronized boolean isLarge() {
        return buf != null && buf.readableBytes() >= CHUNK_BYTES;
    }

    /** Writes the chunk out when it is big enough; keeps rows coming without a flush per row. */
    synchronized void flushIfLarge() {
        if (buf != null && buf.readableBytes() >= CHUNK_BYTES) {
            flush();
        }
    }

    boolean writable() {
        return channel.isWritable();
    }

    /** ErrorResponse, flushed at once (clients may pipeline recovery without a Flush). */
    synchronized void error(SluiceException e) {
        BackendMessages.error(buf(), "ERROR", e);
        flush();
    }

    /** A FATAL ErrorResponse, then the connection closes once it is written. */
    synchronized void fatalAndClose(SluiceException e) {
        BackendMessages.error(buf(), "FATAL", e);
        ByteBuf b = buf;
        buf = null;
        channel.writeAndFlush(b).addListener(ChannelFutureListener.CLOSE);
    }

    /** How many bytes are buffered: a point {@link #truncate} can go back to. */
    synchronized int position() {
        return buf == null ? 0 : buf.writerIndex();
    }

    /**
     * Drops what was buffered after {@code position}; false if it is no longer buffered (it went
     * out, or the buffer changed).
     */
    synchronized boolean truncate(int position) {
        if (position == 0) {
            if (buf != null) {
                buf.writerIndex(buf.readerIndex());
            }
            return true;
        }
        if (buf == null || buf.readerIndex() != 0 || position > buf.writerIndex()) {
            return false;
        }
        buf.writerIndex(position);
        return true;
    }

    synchronized void release() {
        if (buf != null) {
            buf.release();
            buf = null;
        }
    }
}
