package dev.agentd.bench.mcp;

import dev.agentd.bench.load.CommandLineOptions;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.TimeUnit;

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
    private static final Set<String> OPTIONS = Set.of("--port", "--threads");
    private static final int MAX_REQUEST_BYTES = 1024 * 1024;

    private CannedMcpServer() {}

    public static void main(String[] args) throws InterruptedException {
        InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
        int port;
        int threads;
        try {
            CommandLineOptions options = CommandLineOptions.parse(args, OPTIONS);
            port = options.integer("--port", 0, 0, 65535);
            threads = options.integer("--threads", 0, 0, 64);
        } catch (IllegalArgumentException e) {
            System.err.println("CannedMcpServer: " + e.getMessage());
            System.err.println("usage: CannedMcpServer [--port P] [--threads T]");
            System.exit(2);
            return;
        }
        serve(port, threads);
    }

    private static void serve(int port, int threads) throws InterruptedException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        Runtime.getRuntime().addShutdownHook(
                new Thread(() -> group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly()));
        Channel listener = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline()
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpServerKeepAliveHandler())
                                .addLast(new HttpObjectAggregator(MAX_REQUEST_BYTES))
                                .addLast(new CannedMcpHandler());
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", port))
                .sync()
                .channel();
        int boundPort = ((InetSocketAddress) listener.localAddress()).getPort();
        System.out.println("canned listening on http://127.0.0.1:" + boundPort + "/mcp");
        System.out.flush();
        listener.closeFuture().sync();
    }
}
