package dev.agentd.bench.load;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.concurrent.atomic.AtomicLong;

/** Sits on an idle connection and counts any message the server sends to it (there should be none). */
final class IdleHandler extends SimpleChannelInboundHandler<TextWebSocketFrame> {
    private final AtomicLong unexpectedMessages;

    IdleHandler(AtomicLong unexpectedMessages) {
        this.unexpectedMessages = unexpectedMessages;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
        unexpectedMessages.incrementAndGet();
    }
}
