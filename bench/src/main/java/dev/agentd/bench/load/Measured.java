package dev.agentd.bench.load;

import io.netty.util.concurrent.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** A connection's handler that measures the load it puts on the server. */
public interface Measured<R> {

    /** Completes when the connection has nothing in flight after the window, or is abandoned. */
    Future<R> result();

    /** Ends this connection's part early, counting what is in flight as errors; on the event loop. */
    void abandon(String reason);

    /**
     * Each connection's result, once the window has closed and its last {@code answer} has
     * arrived; a connection still waiting {@code drainTimeout} after the window is abandoned.
     */
    static <R> List<R> collect(List<? extends OpenConnection<? extends Measured<R>>> connections,
            MeasurementWindow window, Duration drainTimeout, String answer)
            throws InterruptedException, ExecutionException {
        long giveUpAt = window.measureUntil() + drainTimeout.toNanos();
        List<R> results = new ArrayList<>(connections.size());
        for (OpenConnection<? extends Measured<R>> connection : connections) {
            Measured<R> handler = connection.handler();
            long remaining = Math.max(0, giveUpAt - System.nanoTime());
            if (!handler.result().await(remaining, TimeUnit.NANOSECONDS)) {
                connection.channel().eventLoop()
                        .submit(() -> handler.abandon("no " + answer + " within " + drainTimeout + " after the run"))
                        .sync();
            }
            results.add(handler.result().get());
        }
        return results;
    }
}
