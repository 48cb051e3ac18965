package dev.agentd.daemon.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageAssemblerTest {
    private static final int LIMIT = 1024;
    private final EmbeddedChannel channel = new EmbeddedChannel(new MessageAssembler(LIMIT));

    private static ByteBuf bytes(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }

    private String readMessage() {
        ByteBuf message = channel.readInbound();
        assertThat(message).isNotNull();
        try {
            return message.toString(StandardCharsets.UTF_8);
        } finally {
            message.release();
        }
    }

    @Test
    void singleFrameMessagePassesThrough() {
        channel.writeInbound(new TextWebSocketFrame(bytes("{\"a\":1}")));
        assertThat(readMessage()).isEqualTo("{\"a\":1}");
        assertFalse(channel.finish());
    }

    @Test
    void fragmentsAreReassembledIntoOneMessage() {
        channel.writeInbound(new TextWebSocketFrame(false, 0, bytes("{\"a\":")));
        assertThat((Object) channel.readInbound()).isNull();
        channel.writeInbound(new ContinuationWebSocketFrame(false, 0, bytes("[1,")));
        channel.writeInbound(new ContinuationWebSocketFrame(true, 0, bytes("2]}")));
        assertThat(readMessage()).isEqualTo("{\"a\":[1,2]}");
        assertFalse(channel.finish());
    }

    @Test
    void messageOverTheLimitIsDiscardedAndReportedOnce() {
        channel.writeInbound(new TextWebSocketFrame(false, 0, Unpooled.wrappedBuffer(new byte[LIMIT])));
        channel.writeInbound(new ContinuationWebSocketFrame(false, 0, Unpooled.wrappedBuffer(new byte[1])));
        channel.writeInbound(new ContinuationWebSocketFrame(true, 0, Unpooled.wrappedBuffer(new byte[10])));
        Object event = channel.readInbound();
        assertThat(event).isEqualTo(new MessageAssembler.Oversized(LIMIT));
        channel.writeInbound(new TextWebSocketFrame(bytes("next")));
        assertThat(readMessage()).isEqualTo("next");
        assertFalse(channel.finish());
    }

    @Test
    void messageOfExactlyTheLimitIsKept() {
        channel.writeInbound(new TextWebSocketFrame(Unpooled.wrappedBuffer(new byte[LIMIT])));
        ByteBuf message = channel.readInbound();
        assertThat(message.readableBytes()).isEqualTo(LIMIT);
        message.release();
        assertFalse(channel.finish());
    }

    @Test
    void binaryFrameClosesWith1003() {
        channel.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1, 2})));
        CloseWebSocketFrame close = channel.readOutbound();
        assertThat(close.statusCode()).isEqualTo(1003);
        assertThat(close.reasonText()).isEqualTo("binary frames are not supported");
        close.release();
        assertThat(channel.isOpen()).isFalse();
        assertFalse(channel.finish());
    }
}
