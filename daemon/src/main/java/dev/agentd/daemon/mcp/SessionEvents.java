package dev.agentd.daemon.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.protocol.Json;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resumable event stream of one session (mcp §8): the id counter, the replay ring, the current
 * GET stream and {@code deliveredUpTo}, with publish (§8.3) and the GET algorithm (§8.4).
 *
 * <p>Both run under one lock, and both hand events to the stream (which queues them onto its event
 * loop) while holding it: that is what makes a stream see the initial burst before any live event
 * and the live events in id order. Nothing under the lock blocks on I/O.
 */
final class SessionEvents {
    private static final Logger log = LoggerFactory.getLogger(SessionEvents.class);

    private final Object lock = new Object();
    private final ReplayRing ring;
    private final boolean primes;
    private final AtomicLong deliveredUpTo = new AtomicLong();
    private long lastEventId;
    private EventStream current;

    SessionEvents(int ringCapacity, boolean primes) {
        this.ring = new ReplayRing(ringCapacity);
        this.primes = primes;
    }

    /** §8.3: allocates the next id, keeps the event for replay and offers it to the current stream. */
    long publish(byte[] json) {
        synchronized (lock) {
            long id = ++lastEventId;
            ring.append(id, json);
            if (current != null) {
                current.offer(id, json);
            }
            return id;
        }
    }

    /**
     * §8.4: registers {@code stream} as the current one first, then snapshots the ring, so an event
     * published meanwhile is either in the snapshot or offered live (and deduplicated by id). The
     * previous stream is ended ("replaced", §8.8).
     */
    void open(EventStream stream, String lastEventIdHeader) {
        EventStream previous;
        synchronized (lock) {
            previous = current;
            current = stream;
            ReplayRing.Snapshot snapshot = ring.snapshot();
            long from = parseLastEventId(lastEventIdHeader, lastEventId);
            if (from < 0) {
                from = deliveredUpTo.get();
            }
            long primer = 0;
            if (primes) {
                primer = ++lastEventId;
                ring.appendMarker(primer);
            }
            stream.start(snapshot, from, primer);
        }
        if (previous != null) {
            previous.end();
        }
    }

    /**
     * §8.5: {@code Last-Event-ID} as a decimal integer in {@code 0..lastEventId}; -1 when absent or
     * invalid (not a number, negative, beyond this session's ids), which the caller treats as absent.
     */
    static long parseLastEventId(String header, long lastEventId) {
        if (header == null) {
            return -1;
        }
        String value = header.trim();
        if (value.isEmpty() || value.length() > 19 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            log.debug("Last-Event-ID '{}' is not a decimal id; treated as absent", header);
            return -1;
        }
        long id = Long.parseLong(value);
        if (id > lastEventId) {
            log.debug("Last-Event-ID {} is beyond this session's last id {}; treated as absent", id, lastEventId);
            return -1;
        }
        return id;
    }

    /** §8.9: the ring as it is now, for a stream catching up after backpressure. */
    ReplayRing.Snapshot snapshot() {
        synchronized (lock) {
            return ring.snapshot();
        }
    }

    /** Records that a GET stream wrote {@code id} (the atomic max of §7.1). */
    void delivered(long id) {
        deliveredUpTo.accumulateAndGet(id, Math::max);
    }

    /** A stream that ended by itself (client gone, write failed) stops being current, if it still is. */
    void detach(EventStream stream) {
        synchronized (lock) {
            if (current == stream) {
                current = null;
            }
        }
    }

    /** Ends the current stream, if any: the session was removed or the daemon is stopping (§8.8, §14). */
    void endStream() {
        EventStream ending;
        synchronized (lock) {
            ending = current;
            current = null;
        }
        if (ending != null) {
            ending.end();
        }
    }

    long lastEventId() {
        synchronized (lock) {
            return lastEventId;
        }
    }

    long deliveredUpTo() {
        return deliveredUpTo.get();
    }

    /** The gap signal of §8.5: a warning, never filtered, never given an id. */
    static byte[] gapSignal(long lastEventId, long firstAvailableId) {
        ObjectNode data = Json.mapper().createObjectNode()
                .put("event", "events_lost")
                .put("last_event_id", lastEventId)
                .put("first_available_id", firstAvailableId);
        return McpJson.bytes(McpJson.notification("notifications/message", Json.mapper().createObjectNode()
                .put("level", LogLevel.WARNING.wire())
                .put("logger", "agentd.mcp")
                .set("data", data)));
    }
}
