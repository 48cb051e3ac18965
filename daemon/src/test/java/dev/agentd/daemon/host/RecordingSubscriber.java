package dev.agentd.daemon.host;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A subscriber that keeps every event offered to it, and whether it was discarded. */
final class RecordingSubscriber implements HostSubscriber {
    final List<HostEvent> events = new CopyOnWriteArrayList<>();
    volatile boolean discarded;

    @Override
    public void offer(HostEvent event) {
        events.add(event);
    }

    @Override
    public void discard() {
        discarded = true;
    }

    List<Long> sequences() {
        return events.stream().map(HostEvent::sequence).toList();
    }

    List<String> kinds() {
        return events.stream().map(HostEvent::kind).toList();
    }
}
