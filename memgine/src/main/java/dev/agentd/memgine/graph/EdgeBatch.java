package dev.agentd.memgine.graph;

import java.util.Arrays;

/**
 * Edges for {@link GraphState#addEdges}, in creation order, in parallel primitive arrays. Loaders
 * collect a whole file's edges here so the graph can size its arrays once instead of growing
 * them edge by edge.
 */
public final class EdgeBatch {
    private static final EdgeKind[] KINDS = EdgeKind.values();

    private byte[] kinds;
    private int[] from;
    private int[] to;
    private int size;

    public EdgeBatch(int expectedSize) {
        int capacity = Math.max(1, expectedSize);
        kinds = new byte[capacity];
        from = new int[capacity];
        to = new int[capacity];
    }

    public void add(EdgeKind kind, int fromIx, int toIx) {
        if (size == kinds.length) {
            int capacity = size * 2;
            kinds = Arrays.copyOf(kinds, capacity);
            from = Arrays.copyOf(from, capacity);
            to = Arrays.copyOf(to, capacity);
        }
        kinds[size] = (byte) kind.ordinal();
        from[size] = fromIx;
        to[size] = toIx;
        size++;
    }

    public int size() {
        return size;
    }

    public EdgeKind kind(int i) {
        return KINDS[kinds[i]];
    }

    public int from(int i) {
        return from[i];
    }

    public int to(int i) {
        return to[i];
    }
}
