package dev.agentd.bench.load;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
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
import java.util.function.Supplier;

/**
 * The main of the bench's bare Netty servers (the echo baseline, the canned MCP ceiling): reads
 * {@code [--port P] [--threads T]} (exit 2 on a bad value), binds 127.0.0.1, prints
 * {@code <label> listening on <scheme>://127.0.0.1:<port><path>} once it accepts connections and
 * runs until killed. {@code --threads 0} (the default) takes Netty's default number of event loops.
 */
public final class LoopbackServer {
    private static final Set<String> OPTIONS = Set.of("--port", "--threads");

    private LoopbackServer() {}

    /**
     * @param readyUrl the URL in the ready line, with {@code %s} for host:port, e.g. {@code ws://%s/}
     * @param childHandler made only after Netty's logging is set up, since making it may log
     */
    public static void run(String name, String label, String readyUrl, String[] args,
            Supplier<ChannelHandler> childHandler) throws InterruptedException {
        InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
        int port;
        int threads;
        try {
            CommandLineOptions options = CommandLineOptions.parse(args, OPTIONS);
            port = options.integer("--port", 0, 0, 65535);
            threads = options.integer("--threads", 0, 0, 64);
        } catch (IllegalArgumentException e) {
            System.err.println(name + ": " + e.getMessage());
            System.err.println("usage: " + name + " [--port P] [--threads T]");
            System.exit(2);
            return;
        }
        serve(label, readyUrl, port, threads, childHandler.get());
    }

    private static void serve(String label, String readyUrl, int port, int threads, ChannelHandler childHandler)
            throws InterruptedException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        Runtime.getRuntime().addShutdownHook(
                new Thread(() -> group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly()));
        Channel listener = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(childHandler)
                .bind(new InetSocketAddress("127.0.0.1", port))
                .sync()
                .channel();
        int boundPort = ((InetSocketAddress) listener.localAddress()).getPort();
        System.out.println(label + " listening on " + readyUrl.formatted("127.0.0.1:" + boundPort));
        System.out.flush();
        listener.closeFuture().sync();
    }
}
