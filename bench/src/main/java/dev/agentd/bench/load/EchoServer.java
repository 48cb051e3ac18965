package dev.agentd.bench.load;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The bare Netty JSON-RPC peer agentd is measured against: same framing, {@code session.auth} and
 * {@code server.handshake} answered inline (see {@link EchoRpcHandler}). Binds 127.0.0.1 and
 * prints {@code echo listening on ws://127.0.0.1:<port>/} when it accepts connections; runs until
 * killed.
 *
 * <pre>java -cp bench/target/agentd-bench.jar dev.agentd.bench.load.EchoServer --port 0</pre>
 *
 * <p>{@code --threads 0} (the default) takes Netty's default number of event loops, as agentd does.
 */
public final class EchoServer {
    private static final Set<String> OPTIONS = Set.of("--port", "--threads");

    private EchoServer() {}

    public static void main(String[] args) throws InterruptedException {
        InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
        int port;
        int threads;
        try {
            CommandLineOptions options = CommandLineOptions.parse(args, OPTIONS);
            port = options.integer("--port", 0, 0, 65535);
            threads = options.integer("--threads", 0, 0, 64);
        } catch (IllegalArgumentException e) {
            System.err.println("EchoServer: " + e.getMessage());
            System.err.println("usage: EchoServer [--port P] [--threads T]");
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
                .childHandler(new EchoServerInitializer())
                .bind(new InetSocketAddress("127.0.0.1", port))
                .sync()
                .channel();
        int boundPort = ((InetSocketAddress) listener.localAddress()).getPort();
        System.out.println("echo listening on ws://127.0.0.1:" + boundPort + "/");
        System.out.flush();
        listener.closeFuture().sync();
    }
}
