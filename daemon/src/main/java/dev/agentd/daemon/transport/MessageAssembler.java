package dev.agentd.daemon.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * Reassembles text frames and continuations into one message (core §2). Unlike Netty's frame
 * aggregator it does not close on an oversized message: it discards the rest of that message
 * without buffering it and emits {@link Oversized}, so the dispatcher can answer -32600 and keep
 * the connection. Binary frames close the connection with 1003.
 */
final class MessageAssembler extends ChannelInboundHandlerAdapter {
    /** Emitted instead of a message that exceeded the limit. */
    record Oversized(int limit) {}

    private static final int MAX_COMPONENTS = 1024;
    private final int maxMessageBytes;
    private CompositeByteBuf parts;
    private long size;
    private boolean inMessage;
    private boolean discarding;
    private boolean binary;

    MessageAssembler(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof BinaryWebSocketFrame frame) {
            frame.release();
            rejectBinary(ctx);
        } else if (msg instanceof TextWebSocketFrame frame) {
            startMessage();
            append(ctx, frame);
        } else if (msg instanceof ContinuationWebSocketFrame frame) {
            if (binary || !inMessage) {
                frame.release(); // rest of a refused binary message, or a protocol error the decoder let by
                return;
            }
            append(ctx, frame);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    private void startMessage() {
        releaseParts();
        inMessage = true;
        discarding = false;
        size = 0;
    }

    private void append(ChannelHandlerContext ctx, WebSocketFrame frame) {
        ByteBuf content = frame.content();
        size += content.readableBytes();
        if (size > maxMessageBytes) {
            discarding = true;
            releaseParts();
        }
        boolean last = frame.isFinalFragment();
        if (discarding) {
            frame.release();
        } else if (last && parts == null) {
            inMessage = false;
            ctx.fireChannelRead(content); // the common case: a whole message in one frame, no copy
            return;
        } else {
            if (parts == null) {
                parts = ctx.alloc().compositeBuffer(MAX_COMPONENTS);
            }
            parts.addComponent(true, content);
        }
        if (last) {
            inMessage = false;
            if (discarding) {
                ctx.fireChannelRead(new Oversized(maxMessageBytes));
            } else {
                ByteBuf message = parts;
                parts = null;
                ctx.fireChannelRead(message);
            }
        }
    }

    private void rejectBinary(ChannelHandlerContext ctx) {
        if (!binary) {
            binary = true;
            releaseParts();
            ctx.writeAndFlush(new CloseWebSocketFrame(1003, "binary frames are not supported"))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void releaseParts() {
        if (parts != null) {
            parts.release();
            parts = null;
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseParts();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseParts();
        ctx.fireChannelInactive();
    }
}
