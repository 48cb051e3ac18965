package dev.agentd.bench.fanout;

import java.time.Duration;

/** A warm-up, then the measurement window; samples count only when they lie wholly inside it. */
public record Window(long measureFrom, long measureUntil) {

    public static Window startingNow(Duration warmup, Duration duration) {
        long from = System.nanoTime() + warmup.toNanos();
        return new Window(from, from + duration.toNanos());
    }

    public boolean measuring() {
        long now = System.nanoTime();
        return now >= measureFrom && now < measureUntil;
    }

    public boolean over() {
        return System.nanoTime() >= measureUntil;
    }

    public boolean contains(long start, long end) {
        return start >= measureFrom && end <= measureUntil;
    }
}
