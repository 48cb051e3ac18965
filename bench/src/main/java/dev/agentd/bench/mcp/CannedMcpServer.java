package dev.agentd.bench.mcp;

import dev.agentd.bench.load.LoopbackServer;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;

/**
 * The load client's ceiling: a bare Netty HTTP server that answers the MCP messages of
 * {@link McpLoadClient} with canned bytes ({@link CannedMcpHandler}), doing no MCP work at all.
 * What the client reaches against it, with the server on its own core, is the most the client
 * could measure; it has to be well above the figures of the servers under test. Binds 127.0.0.1
 * and prints {@code canned listening on http://127.0.0.1:<port>/mcp}; runs until killed.
 *
 * <pre>java -cp bench/target/agentd-bench.jar dev.agentd.bench.mcp.CannedMcpServer --port 0</pre>
 */
public final class CannedMcpServer {
    private static final int MAX_REQUEST_BYTES = 1024 * 1024;

    private CannedMcpServer() {}

    public static void main(String[] args) throws InterruptedException {
        LoopbackServer.run("CannedMcpServer", "canned", "http://%s/mcp", args, () -> new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel channel) {
                channel.pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpServerKeepAliveHandler())
                        .addLast(new HttpObjectAggregator(MAX_REQUEST_BYTES))
                        .addLast(new CannedMcpHandler());
            }
        });
    }
}
