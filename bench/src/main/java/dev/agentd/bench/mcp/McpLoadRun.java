package dev.agentd.bench.mcp;

import dev.agentd.bench.load.CpuWatch;
import dev.agentd.bench.load.MeasurementWindow;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
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

    /** What a run produced: each session's measurements and the CPU use during the window. */
    record Outcome(List<McpConnectionResult> sessions, String cpuUse) {}

    /** A session could not be opened or initialized. */
    static final class SetupFailedException extends Exception {
        private static final long serialVersionUID = 1L;

        SetupFailedException(String message) {
            super(message);
        }
    }

    private record Session(Channel channel, McpSessionHandler handler) {}

    private McpLoadRun() {}

    static Outcome execute(McpLoadOptions options)
            throws InterruptedException, SetupFailedException, ExecutionException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(options.threads(), NioIoHandler.newFactory());
        try {
            McpRequests messages = new McpRequests(options.target(), options.token(), options.queries(), options.k());
            List<Session> sessions = open(group, options, messages);
            MeasurementWindow window = MeasurementWindow.startingNow(options.warmup(), options.duration());
            CpuWatch cpu = CpuWatch.over(window, options.serverPid(), group);
            for (Session session : sessions) {
                session.channel().eventLoop().execute(() -> session.handler().begin(window));
            }
            List<McpConnectionResult> results = collect(sessions, window);
            endAll(sessions);
            long requests = results.stream().mapToLong(McpConnectionResult::requests).sum();
            return new Outcome(results, cpu.describe(window, requests));
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static List<Session> open(EventLoopGroup group, McpLoadOptions options, McpRequests messages)
            throws InterruptedException, SetupFailedException {
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true);
        int spacing = Math.max(1, messages.queryCount() / options.connections());
        List<Session> sessions = new ArrayList<>(options.connections());
        for (int i = 0; i < options.connections(); i++) {
            McpSessionHandler handler = new McpSessionHandler(messages, i * spacing);
            ChannelFuture connecting = bootstrap.clone().handler(new McpClientInitializer(handler))
                    .connect(options.target().address());
            sessions.add(new Session(connecting.channel(), handler));
            connecting.addListener(done -> {
                if (!done.isSuccess()) {
                    handler.ready().tryFailure(done.cause());
                }
            });
        }
        awaitReady(sessions);
        return sessions;
    }

    private static void awaitReady(List<Session> sessions) throws InterruptedException, SetupFailedException {
        long deadline = System.nanoTime() + SETUP_TIMEOUT.toNanos();
        for (Session session : sessions) {
            var ready = session.handler().ready();
            if (!ready.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new SetupFailedException("session set-up did not finish within " + SETUP_TIMEOUT);
            }
            if (!ready.isSuccess()) {
                Throwable cause = ready.cause();
                throw new SetupFailedException("session set-up failed: "
                        + (cause.getMessage() == null ? cause.toString() : cause.getMessage()));
            }
        }
    }

    private static List<McpConnectionResult> collect(List<Session> sessions, MeasurementWindow window)
            throws InterruptedException, ExecutionException {
        long giveUpAt = window.measureUntil() + DRAIN_TIMEOUT.toNanos();
        List<McpConnectionResult> results = new ArrayList<>(sessions.size());
        for (Session session : sessions) {
            McpSessionHandler handler = session.handler();
            long remaining = Math.max(0, giveUpAt - System.nanoTime());
            if (!handler.result().await(remaining, TimeUnit.NANOSECONDS)) {
                session.channel().eventLoop()
                        .submit(() -> handler.abandon("no answer within " + DRAIN_TIMEOUT + " after the run"))
                        .sync();
            }
            results.add(handler.result().get());
        }
        return results;
    }

    private static void endAll(List<Session> sessions) throws InterruptedException {
        List<ChannelFuture> closed = new ArrayList<>(sessions.size());
        for (Session session : sessions) {
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
