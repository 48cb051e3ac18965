package dev.agentd.memgine.retrieval;

import static dev.agentd.memgine.retrieval.RetrievalParameters.DAMPING;
import static dev.agentd.memgine.retrieval.RetrievalParameters.MAX_ITERATIONS;
import static dev.agentd.memgine.retrieval.RetrievalParameters.MIN_MASS;
import static dev.agentd.memgine.retrieval.RetrievalParameters.TOLERANCE;

import dev.agentd.memgine.graph.GraphState;
import dev.agentd.memgine.graph.IntList;
import java.util.Arrays;

/**
 * Sparse personalized PageRank (memory §5.3): each iteration visits only the nodes holding mass
 * and the nodes they push to.
 *
 * <p>Bit-identical to the dense formula: pushers run in ascending index (= seq) order and push
 * along {@code E(u)} in order, so every {@code s'(v)} receives its terms in the formula's order;
 * {@code δ} sums over the union of old and new support in ascending order, and the nodes left out
 * would only add exact zeros.
 */
final class PersonalizedPageRank {
    private PersonalizedPageRank() {}

    /** Hits sorted by activation descending, lower index first on ties. */
    static Hits walk(GraphState graph, Seeds seeds, Scratch scratch) {
        if (seeds.isEmpty()) {
            return Hits.NONE;
        }
        double[] resetValues = RetrievalParameters.resetVector(seeds.scores());
        int[] support = seeds.indexes().clone();
        Arrays.sort(support);
        for (int i = 0; i < seeds.indexes().length; i++) {
            scratch.reset[seeds.indexes()[i]] = resetValues[i];
            scratch.mass[seeds.indexes()[i]] = resetValues[i];
        }
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            IntList pushedTo = push(graph, support, scratch);
            int[] union = union(support, pushedTo);
            double delta = 0.0;
            for (int v : union) {
                double updated = (1 - DAMPING) * scratch.reset[v] + scratch.nextMass[v];
                delta += Math.abs(updated - scratch.mass[v]);
                scratch.nextMass[v] = updated;
            }
            support = advance(union, scratch);
            if (delta < TOLERANCE) {
                break;
            }
        }
        Hits hits = collect(support, scratch);
        for (int v : support) {
            scratch.mass[v] = 0.0;
        }
        for (int seed : seeds.indexes()) {
            scratch.reset[seed] = 0.0;
        }
        return hits;
    }

    /** Adds {@code d·s(u)·c / W(u)} of every pushing node into {@code nextMass}; returns who got mass. */
    private static IntList push(GraphState graph, int[] support, Scratch scratch) {
        IntList pushedTo = scratch.touched;
        pushedTo.clear();
        for (int u : support) {
            double mass = scratch.mass[u];
            double total = graph.walkSum(u);
            if (mass < MIN_MASS || total <= 0.0) {
                continue;
            }
            double share = DAMPING * mass;
            int length = graph.walkLength(u);
            int[] targets = graph.walkTargets(u);
            double[] weights = graph.walkWeights(u);
            for (int j = 0; j < length; j++) {
                int v = targets[j];
                if (!scratch.marked[v]) {
                    scratch.marked[v] = true;
                    pushedTo.add(v);
                }
                scratch.nextMass[v] += share * weights[j] / total;
            }
        }
        for (int i = 0; i < pushedTo.size(); i++) {
            scratch.marked[pushedTo.get(i)] = false;
        }
        pushedTo.sort();
        return pushedTo;
    }

    private static int[] union(int[] sortedA, IntList sortedB) {
        int[] result = new int[sortedA.length + sortedB.size()];
        int a = 0;
        int b = 0;
        int n = 0;
        while (a < sortedA.length || b < sortedB.size()) {
            int next;
            if (b == sortedB.size() || (a < sortedA.length && sortedA[a] < sortedB.get(b))) {
                next = sortedA[a++];
            } else if (a == sortedA.length || sortedB.get(b) < sortedA[a]) {
                next = sortedB.get(b++);
            } else {
                next = sortedA[a++];
                b++;
            }
            result[n++] = next;
        }
        return Arrays.copyOf(result, n);
    }

    /** {@code s = s'}; returns the new support (nodes with non-zero mass), ascending. */
    private static int[] advance(int[] union, Scratch scratch) {
        int[] support = new int[union.length];
        int n = 0;
        for (int v : union) {
            double updated = scratch.nextMass[v];
            scratch.nextMass[v] = 0.0;
            scratch.mass[v] = updated;
            if (updated != 0.0) {
                support[n++] = v;
            }
        }
        return Arrays.copyOf(support, n);
    }

    private static Hits collect(int[] support, Scratch scratch) {
        Integer[] order = Arrays.stream(support).filter(v -> scratch.mass[v] >= MIN_MASS).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (x, y) -> {
            int byMass = Double.compare(scratch.mass[y], scratch.mass[x]);
            return byMass != 0 ? byMass : Integer.compare(x, y);
        });
        int[] indexes = new int[order.length];
        double[] activations = new double[order.length];
        for (int i = 0; i < order.length; i++) {
            indexes[i] = order[i];
            activations[i] = scratch.mass[order[i]];
        }
        return new Hits(indexes, activations);
    }
}
