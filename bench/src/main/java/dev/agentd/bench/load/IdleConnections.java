package dev.agentd.bench.load;

import dev.agentd.protocol.Json;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Opens {@code --connections} WebSocket connections, authenticates and negotiates each
 * ({@code session.auth {token}}, {@code server.handshake {protocol_version: 2}}), prints
 * {@code idle: <N> connections ready} and holds them idle for {@code --hold}, then closes them
 * and prints one JSON line. While the connections are held, {@code bench/run-load.sh} measures the
 * server's heap after a full GC; the difference to the heap before, divided by N, is the heap cost
 * of one idle authenticated connection.
 *
 * <p>Exit status 1 when any connection fails its setup, is closed by the server while held, or
 * receives a message; 2 for a bad command line.
 *
 * <pre>java -cp bench/target/agentd-bench.jar dev.agentd.bench.load.IdleConnections \
 *     --url ws://127.0.0.1:9100/ --token-file ~/.agentd/auth-token --connections 5000 --hold 30s</pre>
 */
public final class IdleConnections {
    private static final Set<String> OPTIONS =
            Set.of("--url", "--connections", "--token", "--token-file", "--hold", "--threads", "--parallel-setups");
    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(60);

    private IdleConnections() {}

    /** The command line of this tool. */
    private record IdleOptions(LoopbackTarget target, int connections, Optional<String> token,
            Duration hold, int threads, int parallelSetups) {

        static IdleOptions parse(String[] args) {
            CommandLineOptions options = CommandLineOptions.parse(args, OPTIONS);
            return new IdleOptions(
                    LoopbackTarget.parse(options.required("--url")),
                    options.integer("--connections", 5000, 1, 60_000),
                    options.token(),
                    options.duration("--hold", Duration.ofSeconds(30)),
                    options.integer("--threads", Runtime.getRuntime().availableProcessors(), 1, 64),
                    options.integer("--parallel-setups", 128, 1, 10_000));
        }
    }

    public static void main(String[] args) throws InterruptedException, IOException {
        InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
        IdleOptions options;
        try {
            options = IdleOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("IdleConnections: " + e.getMessage());
            System.err.println("usage: IdleConnections --url URL [--connections N] [--token T | --token-file F]"
                    + " [--hold DUR] [--threads T] [--parallel-setups P]");
            System.exit(2);
            return;
        }
        System.exit(run(options));
    }

    private static int run(IdleOptions options) throws InterruptedException, IOException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(options.threads(), NioIoHandler.newFactory());
        try {
            return holdIdle(options, group);
        } catch (SetupFailedException e) {
            System.err.println("IdleConnections: " + e.getMessage());
            return 1;
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static int holdIdle(IdleOptions options, EventLoopGroup group)
            throws InterruptedException, SetupFailedException, IOException {
        ConnectionOpener opener = new ConnectionOpener(group, options.target(),
                SetupStep.forToken(options.token()), options.parallelSetups(), SETUP_TIMEOUT);
        AtomicLong unexpectedMessages = new AtomicLong();
        long setupStart = System.nanoTime();
        List<OpenConnection<IdleHandler>> connections =
                opener.open(options.connections(), () -> new IdleHandler(unexpectedMessages));
        long setupMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - setupStart);
        CountDownLatch firstServerClose = new CountDownLatch(1);
        connections.forEach(c -> c.channel().closeFuture().addListener(closed -> firstServerClose.countDown()));
        System.out.println("idle: " + connections.size() + " connections ready");
        System.out.flush();

        boolean closedWhileHeld = firstServerClose.await(options.hold().toMillis(), TimeUnit.MILLISECONDS);
        long stillOpen = connections.stream().filter(c -> c.channel().isActive()).count();
        ConnectionCloser.closeAll(connections);
        IdleReport report = new IdleReport(connections.size(), setupMillis, options.hold().toMillis() / 1000.0,
                stillOpen, unexpectedMessages.get());
        System.out.println(Json.mapper().writeValueAsString(report));
        if (closedWhileHeld || unexpectedMessages.get() > 0) {
            System.err.println("IdleConnections: the server closed a connection or sent a message while it was held");
            return 1;
        }
        return 0;
    }
}
