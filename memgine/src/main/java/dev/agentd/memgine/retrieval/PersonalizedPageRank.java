package dev.agentd.memgine.retrieval;

import static dev.agentd.memgine.retrieval.RetrievalParameters.DAMPING;
import static dev.agentd.memgine.retrieval.RetrievalParameters.MAX_ITERATIONS;
import static dev.agentd.memgine.retrieval.RetrievalParameters.MIN_MASS;
import static dev.agentd.memgine.retrieval.RetrievalParameters.TOLERANCE;

import dev.agentd.memgine.graph.GraphState;
import java.util.Arrays;

/**
 * Sparse personalized PageRank (memory §5.3): each iteration visits only the nodes holding mass
 * and the nodes they push to.
 *
 * <p>Bit-identical to the dense formula: pushers run in ascending index (= seq) order and push
 * along {@code E(u)} in order, so every {@code s'(v)} receives its terms in the formula's order;
 * {@code δ} sums over the union of old and new support in ascending order, and the nodes left out
 * would only add exact zeros.
 *
 * <p>The support lives in {@code scratch.support[0, size)}, ascending. Once an iteration has
 * pushed, the old support is no longer read, so the union overwrites it and the new support is
 * compacted in place.
 */
final class PersonalizedPageRank {
    private PersonalizedPageRank() {}

    /** Hits sorted by activation descending, lower index first on ties. */
    static Hits walk(GraphState graph, Seeds seeds, Scratch scratch) {
        if (seeds.isEmpty()) {
            return Hits.NONE;
        }
        int[] support = scratch.support;
        int size = start(seeds, scratch);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            push(graph, support, size, scratch);
            int unionSize = scratch.union.drainAscending(support);
            double delta = 0.0;
            size = 0;
            for (int i = 0; i < unionSize; i++) {
                int v = support[i];
                double updated = (1 - DAMPING) * scratch.reset[v] + scratch.nextMass[v];
                delta += Math.abs(updated - scratch.mass[v]);
                scratch.nextMass[v] = 0.0;
                scratch.mass[v] = updated;
                if (updated != 0.0) {
                    support[size++] = v;
                }
            }
            if (delta < TOLERANCE) {
                break;
            }
        }
        Hits hits = collect(support, size, scratch);
        for (int i = 0; i < size; i++) {
            scratch.mass[support[i]] = 0.0;
        }
        for (int seed : seeds.indexes()) {
            scratch.reset[seed] = 0.0;
        }
        return hits;
    }

    /** {@code s₀ = r}: sets reset and mass of the seeds; returns the size of the initial support. */
    private static int start(Seeds seeds, Scratch scratch) {
        double[] resetValues = RetrievalParameters.resetVector(seeds.scores());
        int[] indexes = seeds.indexes();
        for (int i = 0; i < indexes.length; i++) {
            scratch.reset[indexes[i]] = resetValues[i];
            scratch.mass[indexes[i]] = resetValues[i];
            scratch.support[i] = indexes[i];
        }
        Arrays.sort(scratch.support, 0, indexes.length);
        return indexes.length;
    }

    /**
     * Adds {@code d·s(u)·c / W(u)} of every pushing node into {@code nextMass}, and the support and
     * every node that got mass into {@code scratch.union}.
     */
    private static void push(GraphState graph, int[] support, int size, Scratch scratch) {
        AscendingNodeSet union = scratch.union;
        double[] nextMass = scratch.nextMass;
        for (int i = 0; i < size; i++) {
            int u = support[i];
            union.add(u);
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
                union.add(v);
                nextMass[v] += share * weights[j] / total;
            }
        }
    }

    private static Hits collect(int[] support, int size, Scratch scratch) {
        double[] mass = scratch.mass;
        int[] indexes = new int[size];
        int count = 0;
        for (int i = 0; i < size; i++) {
            if (mass[support[i]] >= MIN_MASS) {
                indexes[count++] = support[i];
            }
        }
        indexes = Arrays.copyOf(indexes, count);
        ActivationOrder.sort(indexes, mass);
        double[] activations = new double[count];
        for (int i = 0; i < count; i++) {
            activations[i] = mass[indexes[i]];
        }
        return new Hits(indexes, activations);
    }
}
