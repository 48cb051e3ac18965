package dev.agentd.memgine.graph;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * Per node: the ids of every incident edge in creation order, and the cached walk entries
 * {@code E(u)} with their sum {@code W(u)} (memory §5.3).
 *
 * <p>A new edge always has the highest id, so appending its entry keeps {@code E(u)} in
 * creation order and adds {@code c} to {@code W(u)} in exactly the order a from-scratch sum would;
 * a removal or an expiry rebuilds the node's entries, because subtracting a double is not exact.
 */
final class Adjacency {
    private static final int[] NO_TARGETS = new int[0];
    private static final double[] NO_WEIGHTS = new double[0];

    private IntList[] incident = new IntList[64];
    private int[][] walkTargets = new int[64][];
    private double[][] walkWeights = new double[64][];
    private int[] walkLength = new int[64];
    private double[] walkSum = new double[64];

    void ensureCapacity(int capacity) {
        if (capacity <= incident.length) {
            return;
        }
        int size = Math.max(capacity, incident.length * 2);
        incident = Arrays.copyOf(incident, size);
        walkTargets = Arrays.copyOf(walkTargets, size);
        walkWeights = Arrays.copyOf(walkWeights, size);
        walkLength = Arrays.copyOf(walkLength, size);
        walkSum = Arrays.copyOf(walkSum, size);
    }

    void addNode(int ix) {
        incident[ix] = new IntList(2);
        walkTargets[ix] = NO_TARGETS;
        walkWeights[ix] = NO_WEIGHTS;
        walkLength[ix] = 0;
        walkSum[ix] = 0.0;
    }

    void removeNode(int ix) {
        incident[ix] = null;
        clearWalk(ix);
    }

    IntList incident(int ix) {
        return incident[ix];
    }

    void connect(int edge, EdgeKind kind, int from, int to, IntPredicate visible) {
        incident[from].add(edge);
        incident[to].add(edge);
        if (visible.test(from) && visible.test(to)) {
            appendEntry(from, to, kind.walkWeight());
            if (kind.bothWays()) {
                appendEntry(to, from, kind.walkWeight());
            }
        }
    }

    /**
     * Sizes every array that connecting the batch's edges will grow, once: the incident lists and
     * the walk entries of each end, counted with the same visibility {@link #connect} will see.
     */
    void reserve(EdgeBatch batch, IntPredicate visible) {
        int[] incidentCounts = new int[incident.length];
        int[] walkCounts = new int[incident.length];
        for (int i = 0; i < batch.size(); i++) {
            int from = batch.from(i);
            int to = batch.to(i);
            incidentCounts[from]++;
            incidentCounts[to]++;
            if (visible.test(from) && visible.test(to)) {
                walkCounts[from]++;
                if (batch.kind(i).bothWays()) {
                    walkCounts[to]++;
                }
            }
        }
        for (int ix = 0; ix < incident.length; ix++) {
            if (incidentCounts[ix] > 0) {
                incident[ix].ensureCapacity(incident[ix].size() + incidentCounts[ix]);
            }
            int walkCapacity = walkLength[ix] + walkCounts[ix];
            if (walkCounts[ix] > 0 && walkCapacity > walkTargets[ix].length) {
                walkTargets[ix] = Arrays.copyOf(walkTargets[ix], walkCapacity);
                walkWeights[ix] = Arrays.copyOf(walkWeights[ix], walkCapacity);
            }
        }
    }

    void disconnect(int edge, int from, int to) {
        if (incident[from] != null) {
            incident[from].removeSorted(edge);
        }
        if (incident[to] != null) {
            incident[to].removeSorted(edge);
        }
    }

    void clearWalk(int ix) {
        walkTargets[ix] = NO_TARGETS;
        walkWeights[ix] = NO_WEIGHTS;
        walkLength[ix] = 0;
        walkSum[ix] = 0.0;
    }

    /** Recomputes {@code E(ix)} and {@code W(ix)} from the incident edges, skipping invisible ends. */
    void rebuildWalk(int ix, EdgeStore edges, IntPredicate visible) {
        clearWalk(ix);
        if (incident[ix] == null || !visible.test(ix)) {
            return;
        }
        IntList list = incident[ix];
        for (int i = 0; i < list.size(); i++) {
            int edge = list.get(i);
            EdgeKind kind = edges.kind(edge);
            if (edges.from(edge) == ix) {
                if (visible.test(edges.to(edge))) {
                    appendEntry(ix, edges.to(edge), kind.walkWeight());
                }
            } else if (kind.bothWays() && visible.test(edges.from(edge))) {
                appendEntry(ix, edges.from(edge), kind.walkWeight());
            }
        }
    }

    private void appendEntry(int ix, int target, double weight) {
        int length = walkLength[ix];
        if (length == walkTargets[ix].length) {
            int capacity = Math.max(4, length * 2);
            walkTargets[ix] = Arrays.copyOf(walkTargets[ix], capacity);
            walkWeights[ix] = Arrays.copyOf(walkWeights[ix], capacity);
        }
        walkTargets[ix][length] = target;
        walkWeights[ix][length] = weight;
        walkLength[ix] = length + 1;
        walkSum[ix] += weight;
    }

    int walkLength(int ix) {
        return walkLength[ix];
    }

    int[] walkTargets(int ix) {
        return walkTargets[ix];
    }

    double[] walkWeights(int ix) {
        return walkWeights[ix];
    }

    double walkSum(int ix) {
        return walkSum[ix];
    }
}
