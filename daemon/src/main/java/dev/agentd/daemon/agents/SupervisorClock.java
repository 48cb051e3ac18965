package dev.agentd.daemon.agents;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Time as the supervisor sees it: the current instant and delayed tasks (restart backoff).
 * Injected so tests can check exact delays and long-running children without waiting.
 */
public interface SupervisorClock {
    Instant now();

    /** Runs {@code task} after {@code delay}; the returned action cancels it. */
    Runnable schedule(Runnable task, Duration delay);

    static SupervisorClock system(ScheduledExecutorService timers) {
        return new SupervisorClock() {
            @Override
            public Instant now() {
                return Instant.now();
            }

            @Override
            public Runnable schedule(Runnable task, Duration delay) {
                ScheduledFuture<?> future = timers.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
                return () -> future.cancel(false);
            }
        };
    }
}
