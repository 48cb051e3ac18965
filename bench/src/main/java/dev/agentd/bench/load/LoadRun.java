package dev.agentd.bench.load;

import dev.agentd.bench.load.ConnectionOpener.SetupFailedException;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One load run: open and set up every connection, start them together, and collect what each
 * measured once the window has closed and its last responses have arrived.
 */
final class LoadRun {
    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(30);
    /** How long after the window closes the run waits for responses still in flight. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_PENDING_SETUPS = 128;

    private LoadRun() {}

    static LoadOutcome execute(LoadOptions options)
            throws InterruptedException, SetupFailedException, ExecutionException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(options.threads(), NioIoHandler.newFactory());
        try {
            ConnectionOpener opener = new ConnectionOpener(group, options.target(),
                    SetupStep.forToken(options.token()), MAX_PENDING_SETUPS, SETUP_TIMEOUT);
            RequestTemplate template = RequestTemplate.of(options.method(), options.params());
            List<OpenConnection<LoadHandler>> connections =
                    opener.open(options.connections(), () -> new LoadHandler(template, options.depth()));
            MeasurementWindow window = MeasurementWindow.startingNow(options.warmup(), options.duration());
            CpuWatch cpu = CpuWatch.over(window, options.serverPid(), group);
            for (OpenConnection<LoadHandler> connection : connections) {
                connection.channel().eventLoop().execute(() -> connection.handler().begin(window));
            }
            List<ConnectionResult> results = collect(connections, window);
            ConnectionCloser.closeAll(connections);
            long requests = results.stream().mapToLong(ConnectionResult::requests).sum();
            return new LoadOutcome(results, cpu.describe(window, requests));
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static List<ConnectionResult> collect(List<OpenConnection<LoadHandler>> connections,
            MeasurementWindow window) throws InterruptedException, ExecutionException {
        long giveUpAt = window.measureUntil() + DRAIN_TIMEOUT.toNanos();
        List<ConnectionResult> results = new ArrayList<>(connections.size());
        for (OpenConnection<LoadHandler> connection : connections) {
            LoadHandler handler = connection.handler();
            long remaining = Math.max(0, giveUpAt - System.nanoTime());
            if (!handler.result().await(remaining, TimeUnit.NANOSECONDS)) {
                connection.channel().eventLoop()
                        .submit(() -> handler.abandon("no response within " + DRAIN_TIMEOUT + " after the run"))
                        .sync();
            }
            results.add(handler.result().get());
        }
        return results;
    }
}
