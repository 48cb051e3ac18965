package dev.agentd.daemon.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.daemon.rpc.DispatchSettings;
import dev.agentd.daemon.rpc.ManualExecutor;
import dev.agentd.daemon.rpc.MethodRegistry;
import dev.agentd.daemon.session.SessionRegistry;
import dev.agentd.protocol.Json;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/** An {@link EmbeddedChannel} holding the JSON-RPC handler after a completed upgrade. */
final class RpcChannel {
    final EmbeddedChannel channel;
    final ManualExecutor workers = new ManualExecutor();
    final SessionRegistry sessions = new SessionRegistry();
    final AtomicBoolean shuttingDown = new AtomicBoolean();

    RpcChannel(MethodRegistry methods, boolean authEnabled, Duration handlerTimeout) {
        DispatchSettings settings = new DispatchSettings(methods, handlerTimeout, workers, shuttingDown::get);
        channel = new EmbeddedChannel(new WebSocketRpcHandler(sessions, settings, authEnabled));
        channel.pipeline().fireUserEventTriggered(
                new WebSocketServerProtocolHandler.HandshakeComplete("/", new DefaultHttpHeaders(), null));
    }

    void send(String json) {
        channel.writeInbound(Unpooled.copiedBuffer(json, StandardCharsets.UTF_8));
    }

    /** Several messages in one read burst, as a pipelining client's bytes arrive. */
    void sendInOneRead(String... messages) {
        Object[] buffers = new Object[messages.length];
        for (int i = 0; i < messages.length; i++) {
            buffers[i] = Unpooled.copiedBuffer(messages[i], StandardCharsets.UTF_8);
        }
        channel.writeInbound(buffers);
    }

    /** Runs worker completions and flushes that were posted to the event loop. */
    void settle() {
        channel.runPendingTasks();
    }

    JsonNode next() {
        Object frame = channel.readOutbound();
        assertThat(frame).as("an outbound text frame").isInstanceOf(TextWebSocketFrame.class);
        TextWebSocketFrame text = (TextWebSocketFrame) frame;
        try {
            return Json.mapper().readTree(text.text());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            text.release();
        }
    }

    CloseWebSocketFrame nextClose() {
        Object frame = channel.readOutbound();
        assertThat(frame).as("an outbound close frame").isInstanceOf(CloseWebSocketFrame.class);
        return (CloseWebSocketFrame) frame;
    }

    void assertNothingWritten() {
        Object frame = channel.readOutbound();
        assertThat(frame).as("no further outbound frame").isNull();
    }
}
