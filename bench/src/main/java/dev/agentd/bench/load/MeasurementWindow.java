package dev.agentd.bench.load;

import java.time.Duration;

/**
 * The phases of a load run on the {@link System#nanoTime()} clock: warm-up from the start until
 * {@code measureFrom}, measurement until {@code measureUntil}, then no new requests. Fixed
 * instants, compared on every response, so no phase flag has to cross threads.
 */
public record MeasurementWindow(long measureFrom, long measureUntil) {

    public static MeasurementWindow startingNow(Duration warmup, Duration duration) {
        long measureFrom = System.nanoTime() + warmup.toNanos();
        return new MeasurementWindow(measureFrom, measureFrom + duration.toNanos());
    }

    /** Whether a response that arrived at {@code nanos} is counted and its latency recorded. */
    public boolean measures(long nanos) {
        return nanos - measureFrom >= 0 && nanos - measureUntil < 0;
    }

    /** Whether a connection may still send a new request at {@code nanos}. */
    public boolean acceptsRequests(long nanos) {
        return nanos - measureUntil < 0;
    }
}
