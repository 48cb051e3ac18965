package dev.agentd.daemon.host;

/**
 * Where one connection's {@code host.event} notifications go. Called inside the registry's
 * critical section, so neither method may block: a full subscriber drops the event (host §7.5).
 */
public interface HostSubscriber {
    /** Queues an event for delivery, or drops it when this subscriber's queue is full. */
    void offer(HostEvent event);

    /** The subscription ended (replaced, or its connection closed): undelivered events are discarded. */
    void discard();
}
