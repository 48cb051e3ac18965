package dev.agentd.bench.fanout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.protocol.Json;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A subscriber's WebSocket connection on a shared Netty event loop. A fan-out benchmark opens
 * dozens of them; the JDK client the CLI uses starts a selector thread and an executor per
 * connection, whose scheduling on a client pinned to one CPU would dominate what is measured.
 * Here all subscribers share one loop; each notification is stamped with {@link System#nanoTime}
 * when its frame is read, before it is parsed. Like the CLI it sends no {@code Origin} header.
 */
public final class SubscriberConnection implements AutoCloseable {
    private static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
    private static final long UPGRADE_TIMEOUT_MILLIS = 10_000;

    /** Receives a notification's method, params and arrival time, on the event loop. */
    @FunctionalInterface
    public interface Listener {
        void notified(String method, JsonNode params, long arrivalNanos);
    }

    private final Channel channel;
    private final Inbound inbound;
    private final AtomicLong nextId = new AtomicLong(1);

    private SubscriberConnection(Channel channel, Inbound inbound) {
        this.channel = channel;
        this.inbound = inbound;
    }

    /**
     * Connects, upgrades, authenticates with the host token and negotiates protocol 2.
     *
     * @param listener receives every notification of this connection
     */
    public static SubscriberConnection openHost(EventLoopGroup loop, DaemonUnderTest daemon, Listener listener)
            throws Exception {
        URI url = daemon.url();
        Inbound inbound = new Inbound(listener);
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(url).allowExtensions(false).generateOriginHeader(false)
                .maxFramePayloadLength(MAX_MESSAGE_BYTES).handshakeTimeoutMillis(UPGRADE_TIMEOUT_MILLIS).build();
        Channel channel = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(64 * 1024),
                                new WebSocketClientProtocolHandler(config), new WebSocketFrameAggregator(MAX_MESSAGE_BYTES),
                                inbound);
                    }
                })
                .connect(url.getHost(), url.getPort()).sync().channel();
        inbound.upgraded.get(UPGRADE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        SubscriberConnection connection = new SubscriberConnection(channel, inbound);
        connection.call("session.auth", Map.of("host_token", daemon.hostToken()));
        connection.call("server.handshake", Map.of("protocol_version", 2));
        return connection;
    }

    /** Sends a request and waits for its result; an error reply fails. */
    public JsonNode call(String method, Object params) throws Exception {
        long id = nextId.getAndIncrement();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        inbound.pending.put(id, reply);
        ObjectNode request = Json.mapper().createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
        request.set("params", Json.mapper().valueToTree(params));
        channel.writeAndFlush(new TextWebSocketFrame(Json.mapper().writeValueAsString(request)));
        return reply.get(DaemonUnderTest.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }

    /** Replies to their requests, notifications to the listener. */
    private static final class Inbound extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        final CompletableFuture<Void> upgraded = new CompletableFuture<>();
        final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
        private final Listener listener;

        Inbound(Listener listener) {
            this.listener = listener;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                upgraded.complete(null);
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            long arrival = System.nanoTime();
            JsonNode message;
            try (InputStream in = new ByteBufInputStream(frame.content())) {
                message = Json.mapper().readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (message.hasNonNull("method")) {
                listener.notified(message.get("method").asText(), message.path("params"), arrival);
                return;
            }
            CompletableFuture<JsonNode> reply = pending.remove(message.path("id").asLong());
            if (reply == null) {
                return;
            }
            if (message.has("error")) {
                reply.completeExceptionally(new IllegalStateException("error reply: " + message.get("error")));
            } else {
                reply.complete(message.get("result"));
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            IllegalStateException closed = new IllegalStateException("connection closed");
            upgraded.completeExceptionally(closed);
            pending.values().forEach(reply -> reply.completeExceptionally(closed));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            upgraded.completeExceptionally(cause);
            ctx.close();
        }
    }
}
