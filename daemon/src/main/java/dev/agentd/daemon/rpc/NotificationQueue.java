package dev.agentd.daemon.rpc;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded queue of one subscription (core §3). Producers on any thread {@link #offer} without
 * ever blocking: when the queue is full the new notification is dropped for this subscriber only,
 * which the subscriber sees as a gap in its sequence or cursor. Writing happens on the event loop,
 * in offer order, while the channel is writable and once the subscription has {@link #start started}.
 */
public final class NotificationQueue {
    private static final Logger log = LoggerFactory.getLogger(NotificationQueue.class);
    private static final long WARN_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final NotificationSink sink;
    private final String method;
    private final String subscription;
    private final BlockingQueue<Object> pending;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong nextWarnNanos = new AtomicLong(System.nanoTime());
    private volatile boolean started;
    private volatile boolean cancelled;

    NotificationQueue(NotificationSink sink, String method, int capacity, String subscription) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: > 0)");
        }
        this.sink = sink;
        this.method = method;
        this.subscription = subscription;
        this.pending = new ArrayBlockingQueue<>(capacity);
    }

    /** Queues {@code params} for writing; false when dropped (queue full) or cancelled. */
    public boolean offer(Object params) {
        if (cancelled) {
            return false;
        }
        if (!pending.offer(params)) {
            recordDrop();
            return false;
        }
        scheduleDrain();
        return true;
    }

    /** Lets queued and later notifications be written; called once the creating reply is written. */
    public void start() {
        started = true;
        scheduleDrain();
    }

    /** Ends the subscription: undelivered notifications are discarded, nothing more is written. */
    public void cancel() {
        cancelled = true;
        pending.clear();
        sink.remove(this);
    }

    /** Notifications dropped so far because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    private void scheduleDrain() {
        if (started && !cancelled && drainScheduled.compareAndSet(false, true)) {
            sink.onEventLoop(this::runScheduledDrain);
        }
    }

    private void runScheduledDrain() {
        // Reset before draining: an offer racing with the drain either is polled below or schedules anew.
        drainScheduled.set(false);
        drain();
    }

    /** Writes queued notifications while the channel is writable. Event loop only. */
    void drain() {
        while (started && !cancelled && sink.writable()) {
            Object params = pending.poll();
            if (params == null) {
                return;
            }
            sink.write(method, params);
        }
    }

    private void recordDrop() {
        long total = dropped.incrementAndGet();
        log.debug("{}: queue full, {} dropped ({} so far)", subscription, method, total);
        long now = System.nanoTime();
        long due = nextWarnNanos.get();
        if (now - due >= 0 && nextWarnNanos.compareAndSet(due, now + WARN_INTERVAL_NANOS)) {
            log.warn("{} is not keeping up: {} {} notifications dropped so far", subscription, total, method);
        }
    }
}
