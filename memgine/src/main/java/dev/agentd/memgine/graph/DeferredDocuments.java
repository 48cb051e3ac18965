package dev.agentd.memgine.graph;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The adds and removes a deferring {@link SeedIndex} was asked for, in order, so they can be
 * applied in one pass later: each add with whether its node is still indexed at the end.
 */
final class DeferredDocuments {
    @FunctionalInterface
    interface Replay {
        void accept(int ix, String document, boolean kept);
    }

    private int[] nodes = new int[1024];
    private String[] documents = new String[1024];
    private final BitSet removed = new BitSet();
    /** Per node index: the position of its latest add, plus one (0 = never added). */
    private int[] latestAdd = new int[1024];
    private int size;

    void add(int ix, String document) {
        if (isIndexed(ix)) {
            throw new IllegalStateException("node " + ix + " is already indexed");
        }
        if (size == nodes.length) {
            nodes = Arrays.copyOf(nodes, size * 2);
            documents = Arrays.copyOf(documents, size * 2);
        }
        if (ix >= latestAdd.length) {
            latestAdd = Arrays.copyOf(latestAdd, Math.max(ix + 1, latestAdd.length * 2));
        }
        nodes[size] = ix;
        documents[size] = document;
        latestAdd[ix] = ++size;
    }

    void remove(int ix) {
        if (isIndexed(ix)) {
            removed.set(latestAdd[ix] - 1);
        }
    }

    private boolean isIndexed(int ix) {
        return ix < latestAdd.length && latestAdd[ix] > 0 && !removed.get(latestAdd[ix] - 1);
    }

    void forEach(Replay replay) {
        for (int i = 0; i < size; i++) {
            replay.accept(nodes[i], documents[i], !removed.get(i));
        }
    }
}
