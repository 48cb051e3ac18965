package dev.agentd.daemon.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentd.daemon.rpc.DispatchSettings;
import dev.agentd.daemon.rpc.ManualExecutor;
import dev.agentd.daemon.rpc.MethodRegistry;
import dev.agentd.daemon.session.SessionRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The request-head limit of core §1 through the real pipeline order: a connection that never
 * sends a complete head is closed after 10 s, and one that did is never closed by that timer —
 * there is no idle timeout on an upgraded connection.
 */
class PipelineTimeoutTest {
    private static EmbeddedChannel pipeline() {
        DaemonChannelInitializer initializer = new DaemonChannelInitializer(
                new DaemonChannelInitializer.TransportSettings(1024 * 1024, true), new SessionRegistry(),
                new DispatchSettings(new MethodRegistry(), Duration.ofMinutes(1), new ManualExecutor(), () -> false),
                new HealthEndpoint(true));
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        initializer.assemble(channel.pipeline());
        channel.pipeline().fireChannelActive();
        return channel;
    }

    private static void releaseOutbound(EmbeddedChannel channel) {
        Object message;
        while ((message = channel.readOutbound()) != null) {
            ReferenceCountUtil.release(message);
        }
    }

    @Test
    void silentConnectionIsClosedAfterTenSeconds() {
        EmbeddedChannel channel = pipeline();
        channel.advanceTimeBy(9, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isTrue();
        channel.advanceTimeBy(2, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void upgradedConnectionOutlivesTheHeadTimeout() {
        EmbeddedChannel channel = pipeline();
        ByteBuf upgrade = Unpooled.copiedBuffer("""
                GET / HTTP/1.1\r
                Host: 127.0.0.1\r
                Upgrade: websocket\r
                Connection: Upgrade\r
                Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r
                Sec-WebSocket-Version: 13\r
                \r
                """, StandardCharsets.US_ASCII);
        channel.writeInbound(upgrade);
        String response = ((ByteBuf) channel.readOutbound()).toString(StandardCharsets.US_ASCII);
        assertThat(response).startsWith("HTTP/1.1 101");
        releaseOutbound(channel);
        channel.advanceTimeBy(60, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).as("no idle timeout after the upgrade").isTrue();
        channel.finishAndReleaseAll();
    }
}
