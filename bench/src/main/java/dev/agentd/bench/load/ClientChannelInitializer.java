package dev.agentd.bench.load;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;

/**
 * Assembles one bench client connection: HTTP codec → aggregator (upgrade reply) → WebSocket
 * client protocol handler → frame aggregator → session setup → the tool's own handler. Like the
 * CLI it sends no {@code Origin} header and asks for no extension (core §1).
 */
final class ClientChannelInitializer extends ChannelInitializer<SocketChannel> {
    static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
    private static final int MAX_UPGRADE_RESPONSE_BYTES = 64 * 1024;
    private static final long UPGRADE_TIMEOUT_MILLIS = 10_000;

    private final WebSocketClientProtocolConfig webSocketConfig;
    private final SessionSetupHandler setup;
    private final ChannelHandler application;

    ClientChannelInitializer(LoopbackTarget target, SessionSetupHandler setup, ChannelHandler application) {
        this.webSocketConfig = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(target.uri())
                .allowExtensions(false)
                .generateOriginHeader(false)
                .maxFramePayloadLength(MAX_MESSAGE_BYTES)
                .handshakeTimeoutMillis(UPGRADE_TIMEOUT_MILLIS)
                .build();
        this.setup = setup;
        this.application = application;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        channel.pipeline()
                .addLast(new HttpClientCodec())
                .addLast(new HttpObjectAggregator(MAX_UPGRADE_RESPONSE_BYTES))
                .addLast(new WebSocketClientProtocolHandler(webSocketConfig))
                .addLast(new WebSocketFrameAggregator(MAX_MESSAGE_BYTES))
                .addLast(setup)
                .addLast(application);
    }
}
