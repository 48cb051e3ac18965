package dev.agentd.daemon.host;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The numbered event log and its subscribers (host §7). Not thread-safe: {@link HostState} calls
 * it inside its critical section, which is what makes numbering, history and fan-out one step —
 * a subscriber registered in that section is offered exactly the events numbered after it.
 */
final class EventLog {
    static final int HISTORY = 1000;

    private final ArrayDeque<HostEvent> history = new ArrayDeque<>();
    private final Map<String, HostSubscriber> subscribers = new LinkedHashMap<>();
    private long sequence;

    /** Numbers the event, keeps it in the history and offers it to every subscriber. */
    HostEvent append(String timestamp, String kind, String agentId, String message, JsonNode payload,
            HostAgent agent, HostApproval approval) {
        HostEvent event = new HostEvent("event-" + UUID.randomUUID(), ++sequence, timestamp, kind, agentId, message,
                payload, agent, approval);
        history.addLast(event);
        if (history.size() > HISTORY) {
            history.removeFirst();
        }
        for (HostSubscriber subscriber : subscribers.values()) {
            subscriber.offer(event);
        }
        return event;
    }

    /** The sequence of the latest event, 0 before the first. */
    long latestSequence() {
        return sequence;
    }

    /** The {@code limit} most recent events, ascending. */
    List<HostEvent> recent(int limit) {
        int count = Math.min(limit, history.size());
        List<HostEvent> events = new ArrayList<>(count);
        Iterator<HostEvent> descending = history.descendingIterator();
        while (events.size() < count) {
            events.add(descending.next());
        }
        Collections.reverse(events);
        return events;
    }

    /** Registers the connection's subscriber, replacing (and discarding) an earlier one. */
    void subscribe(String clientId, HostSubscriber subscriber) {
        HostSubscriber replaced = subscribers.put(clientId, subscriber);
        if (replaced != null) {
            replaced.discard();
        }
    }

    void unsubscribe(String clientId) {
        HostSubscriber removed = subscribers.remove(clientId);
        if (removed != null) {
            removed.discard();
        }
    }
}
