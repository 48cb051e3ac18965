package dev.agentd.daemon.mcp;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The replay ring of one session (mcp §8.2): the latest {@code capacity} entries, oldest first.
 * It is filled whether or not a GET stream is attached, because a client that reconnects (or opens
 * its first GET after {@code initialize}) must be able to replay what it missed. Priming markers
 * take ids too, so the retained ids are gap-free and "events were lost" is a plain comparison with
 * {@link Snapshot#oldestId()}. Not thread-safe: the session's lock guards it.
 */
final class ReplayRing {
    /** One retained entry; {@code payload == null} marks a primer id (never replayed). */
    record Entry(long id, byte[] payload) {
        boolean marker() {
            return payload == null;
        }
    }

    /** An immutable copy of the ring, oldest first. */
    record Snapshot(List<Entry> entries) {
        static final Snapshot EMPTY = new Snapshot(List.of());

        /** The oldest retained id; 0 when empty. */
        long oldestId() {
            return entries.isEmpty() ? 0 : entries.get(0).id();
        }

        boolean isEmpty() {
            return entries.isEmpty();
        }
    }

    private final int capacity;
    private final ArrayDeque<Entry> entries;

    ReplayRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: > 0)");
        }
        this.capacity = capacity;
        this.entries = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    /** Appends an event; at capacity the oldest entry goes. */
    void append(long id, byte[] payload) {
        add(new Entry(id, payload));
    }

    /** Appends a primer's id, which keeps the id sequence hole-free. */
    void appendMarker(long id) {
        add(new Entry(id, null));
    }

    private void add(Entry entry) {
        if (entries.size() == capacity) {
            entries.removeFirst();
        }
        entries.addLast(entry);
    }

    long oldestId() {
        return entries.isEmpty() ? 0 : entries.getFirst().id();
    }

    Snapshot snapshot() {
        return entries.isEmpty() ? Snapshot.EMPTY : new Snapshot(List.copyOf(entries));
    }
}
