package dev.agentd.bench.mcp;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;

/**
 * Assembles one load-client connection: HTTP/1.1 codec → aggregator (one {@code FullHttpResponse}
 * per answer) → the session's handler. The client asks for no compression and sends no
 * {@code Origin}, like the SDK clients outside a browser.
 */
final class McpClientInitializer extends ChannelInitializer<SocketChannel> {
    private static final int MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

    private final McpSessionHandler session;

    McpClientInitializer(McpSessionHandler session) {
        this.session = session;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        channel.pipeline()
                .addLast(new HttpClientCodec())
                .addLast(new HttpObjectAggregator(MAX_RESPONSE_BYTES))
                .addLast(session);
    }
}
