package dev.agentd.bench.load;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

/**
 * The baseline pipeline, agentd's framing with nothing else: HTTP codec → aggregator → WebSocket
 * protocol handler on {@code /} (no extensions, frames up to 4 × the message limit) → frame
 * aggregator to the message limit → {@link EchoRpcHandler}.
 */
final class EchoServerInitializer extends ChannelInitializer<SocketChannel> {
    private static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
    private static final int MAX_REQUEST_HEAD_BYTES = 16 * 1024;

    private final WebSocketServerProtocolConfig webSocketConfig = WebSocketServerProtocolConfig.newBuilder()
            .websocketPath("/")
            .checkStartsWith(false)
            .decoderConfig(WebSocketDecoderConfig.newBuilder()
                    .maxFramePayloadLength(4 * MAX_MESSAGE_BYTES)
                    .allowExtensions(false)
                    .build())
            .build();

    @Override
    protected void initChannel(SocketChannel channel) {
        channel.pipeline()
                .addLast(new HttpServerCodec())
                .addLast(new HttpObjectAggregator(MAX_REQUEST_HEAD_BYTES))
                .addLast(new WebSocketServerProtocolHandler(webSocketConfig))
                .addLast(new WebSocketFrameAggregator(MAX_MESSAGE_BYTES))
                .addLast(new EchoRpcHandler());
    }
}
