package dev.agentd.bench.load;

import io.netty.channel.Channel;
import io.netty.util.concurrent.Future;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A bench connection, the tool's handler on it, and the outcome of its session setup. */
public record OpenConnection<H>(Channel channel, H handler, Future<Void> ready) {

    /**
     * Waits until every connection has finished its setup, all within one {@code timeout};
     * {@code setup} names the setup in the failure messages.
     */
    public static void awaitReady(List<? extends OpenConnection<?>> connections, Duration timeout, String setup)
            throws InterruptedException, SetupFailedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (OpenConnection<?> connection : connections) {
            long remaining = Math.max(0, deadline - System.nanoTime());
            if (!connection.ready().await(remaining, TimeUnit.NANOSECONDS)) {
                throw new SetupFailedException(setup + " did not finish within " + timeout);
            }
            if (!connection.ready().isSuccess()) {
                Throwable cause = connection.ready().cause();
                throw new SetupFailedException(setup + " failed: "
                        + (cause.getMessage() == null ? cause.toString() : cause.getMessage()));
            }
        }
    }
}
