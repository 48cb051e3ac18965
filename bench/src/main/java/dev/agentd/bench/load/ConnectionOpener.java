package dev.agentd.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Opens connections to one target and runs their session setup, with a bounded number of setups
 * under way at once so that thousands of connections do not overrun the server's accept backlog.
 * Any connection that fails or does not finish its setup in time fails the whole batch.
 */
final class ConnectionOpener {
    private final Bootstrap bootstrap;
    private final LoopbackTarget target;
    private final List<SetupStep> steps;
    private final int maxPendingSetups;
    private final Duration setupTimeout;

    ConnectionOpener(EventLoopGroup group, LoopbackTarget target, List<SetupStep> steps,
            int maxPendingSetups, Duration setupTimeout) {
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true);
        this.target = target;
        this.steps = steps;
        this.maxPendingSetups = maxPendingSetups;
        this.setupTimeout = setupTimeout;
    }

    <H extends ChannelHandler> List<OpenConnection<H>> open(int count, Supplier<H> handlers)
            throws InterruptedException, SetupFailedException {
        Semaphore pendingSetups = new Semaphore(maxPendingSetups);
        List<OpenConnection<H>> connections = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (!pendingSetups.tryAcquire(setupTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new SetupFailedException("no connection finished its setup within " + setupTimeout
                        + " (" + i + " of " + count + " started)");
            }
            OpenConnection<H> connection = connect(handlers.get());
            connection.ready().addListener(done -> pendingSetups.release());
            connections.add(connection);
        }
        OpenConnection.awaitReady(connections, setupTimeout, "connection setup");
        return connections;
    }

    private <H extends ChannelHandler> OpenConnection<H> connect(H handler) {
        Promise<Void> ready = ImmediateEventExecutor.INSTANCE.newPromise();
        ClientChannelInitializer initializer =
                new ClientChannelInitializer(target, new SessionSetupHandler(steps, ready), handler);
        ChannelFuture connecting = bootstrap.clone().handler(initializer).connect(target.address());
        connecting.addListener(done -> {
            if (!done.isSuccess()) {
                ready.tryFailure(done.cause());
            }
        });
        return new OpenConnection<>(connecting.channel(), handler, ready);
    }
}
