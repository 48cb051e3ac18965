package dev.agentd.bench.mcp;

import dev.agentd.bench.load.CpuWatch;
import dev.agentd.bench.load.LoadOutcome;
import dev.agentd.bench.load.Measured;
import dev.agentd.bench.load.MeasurementWindow;
import dev.agentd.bench.load.OpenConnection;
import dev.agentd.bench.load.ReportMath;
import dev.agentd.bench.load.SetupFailedException;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One load run: open every connection and initialize its session, start them together, collect
 * what each measured once the window has closed and its last call has been answered, then delete
 * the sessions.
 */
final class McpLoadRun {
    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(30);
    /** How long after the window closes the run waits for calls still in flight. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DELETE_GRACE = Duration.ofSeconds(3);

    private McpLoadRun() {}

    static LoadOutcome<McpConnectionResult> execute(McpLoadOptions options)
            throws InterruptedException, SetupFailedException, ExecutionException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(options.threads(), NioIoHandler.newFactory());
        try {
            McpRequests messages = new McpRequests(options.target(), options.token(), options.queries(), options.k());
            List<OpenConnection<McpSessionHandler>> sessions = open(group, options, messages);
            MeasurementWindow window = MeasurementWindow.startingNow(options.warmup(), options.duration());
            CpuWatch cpu = CpuWatch.over(window, options.serverPid(), group);
            for (OpenConnection<McpSessionHandler> session : sessions) {
                session.channel().eventLoop().execute(() -> session.handler().begin(window));
            }
            List<McpConnectionResult> results = Measured.collect(sessions, window, DRAIN_TIMEOUT, "answer");
            endAll(sessions);
            return new LoadOutcome<>(results, cpu.describe(window, ReportMath.requests(results)));
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static List<OpenConnection<McpSessionHandler>> open(EventLoopGroup group, McpLoadOptions options,
            McpRequests messages) throws InterruptedException, SetupFailedException {
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true);
        int spacing = Math.max(1, messages.queryCount() / options.connections());
        List<OpenConnection<McpSessionHandler>> sessions = new ArrayList<>(options.connections());
        for (int i = 0; i < options.connections(); i++) {
            McpSessionHandler handler = new McpSessionHandler(messages, i * spacing);
            ChannelFuture connecting = bootstrap.clone().handler(new McpClientInitializer(handler))
                    .connect(options.target().address());
            sessions.add(new OpenConnection<>(connecting.channel(), handler, handler.ready()));
            connecting.addListener(done -> {
                if (!done.isSuccess()) {
                    handler.ready().tryFailure(done.cause());
                }
            });
        }
        OpenConnection.awaitReady(sessions, SETUP_TIMEOUT, "session set-up");
        return sessions;
    }

    private static void endAll(List<OpenConnection<McpSessionHandler>> sessions) throws InterruptedException {
        List<ChannelFuture> closed = new ArrayList<>(sessions.size());
        for (OpenConnection<McpSessionHandler> session : sessions) {
            closed.add(session.channel().eventLoop().submit(() -> session.handler().end()).sync().getNow());
        }
        long deadline = System.nanoTime() + DELETE_GRACE.toNanos();
        for (int i = 0; i < sessions.size(); i++) {
            if (!closed.get(i).await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                sessions.get(i).channel().close();
            }
        }
    }
}
