package dev.agentd.cli;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The client algorithm of host §7 as {@code host watch} runs it: subscribe and show the snapshot,
 * then show each {@code host.event} in sequence. A jump in {@code sequence} means the daemon
 * dropped events for this subscriber: the watch says so and subscribes again, and the new
 * snapshot replaces what was shown. It runs until interrupted or until the connection ends.
 */
final class HostWatch {

    /** The watch's connection. */
    interface HostFeed {
        /** {@code host.subscribe {}}: the result. */
        JsonNode subscribe();

        /** The next {@code host.event} params. */
        JsonNode nextEvent() throws InterruptedException;
    }

    /** What the watch shows; the human and {@code --json} forms differ. */
    interface HostView {
        void snapshot(JsonNode subscribeResult);

        void event(JsonNode event);

        /** Events {@code first} to {@code last} (inclusive) never arrived. */
        void missed(long first, long last);
    }

    private final HostFeed feed;
    private final HostView view;
    private final HostEventSequence sequence = new HostEventSequence();

    HostWatch(HostFeed feed, HostView view) {
        this.feed = feed;
        this.view = view;
    }

    /** Returns only by throwing: an interrupt (Ctrl-C) or the connection's end. */
    void watch() throws InterruptedException {
        subscribe();
        while (true) {
            JsonNode event = feed.nextEvent();
            long number = event.path("sequence").asLong();
            switch (sequence.accept(number)) {
                case STALE -> { }
                case NEXT -> view.event(event);
                case GAP -> {
                    view.missed(sequence.last() + 1, number - 1);
                    subscribe();
                }
            }
        }
    }

    private void subscribe() {
        JsonNode result = feed.subscribe();
        sequence.reset(result.path("event_sequence").asLong());
        view.snapshot(result);
    }
}
