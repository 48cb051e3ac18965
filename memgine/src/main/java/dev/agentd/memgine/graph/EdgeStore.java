package dev.agentd.memgine.graph;

import java.util.Arrays;

/**
 * Every edge ever created, by edge id = creation order, in parallel primitive arrays. Removed
 * edges leave a hole (kind {@code -1}); holes disappear when a graph is rebuilt from a snapshot.
 */
final class EdgeStore {
    private static final byte REMOVED = -1;
    private static final EdgeKind[] KINDS = EdgeKind.values();

    private byte[] kinds = new byte[64];
    private int[] from = new int[64];
    private int[] to = new int[64];
    private int end;
    private int live;

    int add(EdgeKind kind, int fromIx, int toIx) {
        if (end == kinds.length) {
            int capacity = end * 2;
            kinds = Arrays.copyOf(kinds, capacity);
            from = Arrays.copyOf(from, capacity);
            to = Arrays.copyOf(to, capacity);
        }
        kinds[end] = (byte) kind.ordinal();
        from[end] = fromIx;
        to[end] = toIx;
        live++;
        return end++;
    }

    /** Makes room for {@code count} more edges. */
    void reserve(int count) {
        if (end + count > kinds.length) {
            int capacity = end + count;
            kinds = Arrays.copyOf(kinds, capacity);
            from = Arrays.copyOf(from, capacity);
            to = Arrays.copyOf(to, capacity);
        }
    }

    void remove(int edge) {
        if (kinds[edge] != REMOVED) {
            kinds[edge] = REMOVED;
            live--;
        }
    }

    boolean isLive(int edge) {
        return kinds[edge] != REMOVED;
    }

    EdgeKind kind(int edge) {
        return KINDS[kinds[edge]];
    }

    int from(int edge) {
        return from[edge];
    }

    int to(int edge) {
        return to[edge];
    }

    /** One past the highest edge id ever used. */
    int end() {
        return end;
    }

    int liveCount() {
        return live;
    }
}
