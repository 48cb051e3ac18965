package dev.agentd.bench.fanout;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * When each subscriber received each event. Subscribers' listener threads report arrivals keyed by
 * whatever identifies an event (a turn's cursor, a payload counter); the measuring thread then
 * waits for the last of {@code subscribers} arrivals of a key and reads its time. An arrival may
 * come before the producer's reply does, so either side may create a key's entry first.
 */
public final class FanOutClock {
    private final int subscribers;
    private final Map<Long, Arrivals> byKey = new ConcurrentHashMap<>();
    private final LongAdder delivered = new LongAdder();

    private static final class Arrivals {
        final AtomicInteger count = new AtomicInteger();
        final CompletableFuture<Long> last = new CompletableFuture<>();
    }

    public FanOutClock(int subscribers) {
        this.subscribers = subscribers;
    }

    /** Listener side: one subscriber received event {@code key} at {@code nanos} ({@link System#nanoTime}). */
    public void arrived(long key, long nanos) {
        delivered.increment();
        Arrivals arrivals = byKey.computeIfAbsent(key, ignored -> new Arrivals());
        if (arrivals.count.incrementAndGet() == subscribers) {
            arrivals.last.complete(nanos);
        }
    }

    /**
     * Waits until every subscriber has received {@code key} and forgets it.
     *
     * @return the {@link System#nanoTime} of the last arrival
     * @throws TimeoutException when some subscriber has not received it within {@code timeoutMillis}
     */
    public long awaitLast(long key, long timeoutMillis) throws TimeoutException, InterruptedException {
        Arrivals arrivals = byKey.computeIfAbsent(key, ignored -> new Arrivals());
        try {
            return arrivals.last.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            byKey.remove(key);
        }
    }

    /** Forgets every key, e.g. when the events' numbering starts over. */
    public void reset() {
        byKey.clear();
    }

    /** Events received by all subscribers together so far. */
    public long delivered() {
        return delivered.sum();
    }
}
