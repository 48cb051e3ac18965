package dev.agentd.bench.load;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Ends bench connections with a WebSocket close handshake, so the server sees an orderly close
 * rather than a reset, and closes whatever has not completed it after a short grace period.
 */
final class ConnectionCloser {
    private static final long GRACE_MILLIS = 3_000;

    private ConnectionCloser() {}

    static void closeAll(List<? extends OpenConnection<?>> connections) throws InterruptedException {
        for (OpenConnection<?> connection : connections) {
            connection.channel().writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE));
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS);
        for (OpenConnection<?> connection : connections) {
            Channel channel = connection.channel();
            long remaining = Math.max(0, deadline - System.nanoTime());
            if (!channel.closeFuture().await(remaining, TimeUnit.NANOSECONDS)) {
                channel.close();
            }
        }
    }
}
