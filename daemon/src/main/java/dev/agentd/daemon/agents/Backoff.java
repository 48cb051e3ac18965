package dev.agentd.daemon.agents;

import java.time.Duration;

/** Restart delays (agents §4): {@code min(300, backoff_secs × 2^(restart_count−1))} seconds, no jitter. */
final class Backoff {
    static final long MAX_DELAY_SECONDS = 300;
    /** A child that ran this long before failing starts its restart count afresh. */
    static final Duration STABLE_RUN = Duration.ofSeconds(300);

    private Backoff() {}

    static Duration delay(int backoffSecs, int restartCount) {
        int doublings = Math.min(restartCount - 1, 30); // past 2^9 × 1 s the cap has long applied
        long seconds = Math.min(MAX_DELAY_SECONDS, backoffSecs * (1L << doublings));
        return Duration.ofSeconds(seconds);
    }
}
