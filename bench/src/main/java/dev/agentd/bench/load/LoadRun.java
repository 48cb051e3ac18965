package dev.agentd.bench.load;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Duration;
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

    static LoadOutcome<ConnectionResult> execute(LoadOptions options)
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
            List<ConnectionResult> results = Measured.collect(connections, window, DRAIN_TIMEOUT, "response");
            ConnectionCloser.closeAll(connections);
            return new LoadOutcome<>(results, cpu.describe(window, ReportMath.requests(results)));
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
