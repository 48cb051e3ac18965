package dev.agentd.daemon.mcp;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One GET stream of a session (mcp §8.4–§8.9). Every write runs on {@code loop} (the channel's
 * event loop); publishers only enqueue, so a slow or absent client never slows them.
 *
 * <p>{@code cursor} is the highest id written here. The initial burst is queued before any live
 * offer (both happen under the session lock), and a live offer at or below the cursor is dropped:
 * ids on a stream strictly increase and never repeat. While the transport is not writable, offers
 * are dropped and the stream catches up from the ring once it is writable again, so its memory is
 * bounded by the ring plus the transport's buffer.
 */
final class EventStream {
    private final SessionEvents events;
    private final ScheduledExecutorService loop;
    private final EventSink sink;
    private final long keepAliveNanos;
    private final Runnable touch;

    // confined to loop
    private boolean opened;
    private boolean ended;
    private boolean behind;
    private long cursor;
    private long lastWriteNanos;
    private ScheduledFuture<?> keepAlive;

    /**
     * @param keepAlive the interval of {@code : keepalive} comments (mcp §8.6)
     * @param touch re-arms the session's inactivity TTL; run with every keep-alive written
     */
    EventStream(SessionEvents events, ScheduledExecutorService loop, EventSink sink, Duration keepAlive, Runnable touch) {
        this.events = events;
        this.loop = loop;
        this.sink = sink;
        this.keepAliveNanos = keepAlive.toNanos();
        this.touch = touch;
    }

    /** Step 3 of §8.4, called under the session lock: queues the head, the replay and the primer. */
    void start(ReplayRing.Snapshot snapshot, long from, long primer) {
        run(() -> {
            if (ended) {
                return;
            }
            open();
            cursor = from;
            replay(snapshot, from);
            if (primer > 0) {
                sink.primer(primer);
                wrote(primer);
            }
            scheduleKeepAlive(keepAliveNanos);
        });
    }

    /** §8.3: called under the session lock; only enqueues. */
    void offer(long id, byte[] json) {
        run(() -> onOffer(id, json));
    }

    private void onOffer(long id, byte[] json) {
        if (ended || id <= cursor) {
            return;
        }
        if (!sink.writable()) {
            behind = true;
            return;
        }
        sink.event(id, json);
        wrote(id);
    }

    /** §8.9: the transport drained; catch up from the ring (the live offers queued after are deduplicated). */
    void writable() {
        run(() -> {
            if (ended || !behind || !sink.writable()) {
                return;
            }
            behind = false;
            replay(events.snapshot(), cursor);
        });
    }

    /** The gap signal if entries after {@code from} were evicted, then every retained event after it. */
    private void replay(ReplayRing.Snapshot snapshot, long from) {
        if (!snapshot.isEmpty() && from + 1 < snapshot.oldestId()) {
            sink.event(0, SessionEvents.gapSignal(from, snapshot.oldestId()));
            lastWriteNanos = System.nanoTime();
        }
        for (ReplayRing.Entry entry : snapshot.entries()) {
            if (entry.id() > from && !entry.marker()) {
                sink.event(entry.id(), entry.payload());
                wrote(entry.id());
            }
        }
    }

    private void wrote(long id) {
        cursor = Math.max(cursor, id);
        events.delivered(id);
        lastWriteNanos = System.nanoTime();
    }

    private void scheduleKeepAlive(long delayNanos) {
        try {
            keepAlive = loop.schedule(this::keepAlive, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // the event loop is shutting down; the stream ends with it
        }
    }

    /** §8.6: a comment after each quiet interval; it also touches the session. */
    private void keepAlive() {
        if (ended) {
            return;
        }
        long quiet = System.nanoTime() - lastWriteNanos;
        if (quiet < keepAliveNanos) {
            scheduleKeepAlive(keepAliveNanos - quiet);
            return;
        }
        if (sink.writable()) {
            sink.comment("keepalive");
            touch.run();
        }
        lastWriteNanos = System.nanoTime();
        scheduleKeepAlive(keepAliveNanos);
    }

    /** §8.8: replaced, session removed, or shutdown: the terminating chunk, nothing after it. */
    void end() {
        run(() -> {
            if (ended) {
                return;
            }
            open();
            finish();
            sink.end();
        });
    }

    /** The client went away or a write failed: nothing more to write; stop being current. */
    void closed() {
        run(() -> {
            if (!ended) {
                finish();
            }
        });
        events.detach(this);
    }

    private void open() {
        if (!opened) {
            opened = true;
            sink.open();
        }
    }

    private void finish() {
        ended = true;
        if (keepAlive != null) {
            keepAlive.cancel(false);
        }
        events.detach(this);
    }

    private void run(Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            // the event loop is gone, and the channel with it
        }
    }
}
