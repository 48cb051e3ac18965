package dev.agentd.cli;

/**
 * Where a {@code host.event} subscriber stands in the daemon's event numbering (host §7). The
 * daemon numbers events 1, 2, 3 … without gaps and offers a subscriber exactly those after its
 * snapshot's {@code event_sequence}; a subscriber whose queue was full misses some, which shows as
 * a jump. Events at or below the last one seen are leftovers of a replaced subscription.
 */
final class HostEventSequence {
    /** How an arriving event relates to the last one seen. */
    enum Arrival {
        /** Already reflected (sequence ≤ last): ignore it. */
        STALE,
        /** The next one (last + 1): apply it; it is now the last seen. */
        NEXT,
        /** Events between were dropped: the state must be fetched again (re-subscribe). */
        GAP
    }

    private long last;

    /** Starts from a snapshot's {@code event_sequence} (0 when the daemon has had no event yet). */
    void reset(long eventSequence) {
        last = eventSequence;
    }

    long last() {
        return last;
    }

    Arrival accept(long sequence) {
        if (sequence <= last) {
            return Arrival.STALE;
        }
        if (sequence != last + 1) {
            return Arrival.GAP;
        }
        last = sequence;
        return Arrival.NEXT;
    }
}
