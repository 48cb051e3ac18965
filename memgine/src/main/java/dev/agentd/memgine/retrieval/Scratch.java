package dev.agentd.memgine.retrieval;

import dev.agentd.memgine.graph.IntList;
import java.util.Arrays;

/**
 * Per-thread dense work arrays indexed by node, so a query touches only the nodes it reaches and
 * allocates nothing proportional to the graph. Every user leaves the arrays zeroed; a user that
 * failed half-way leaves {@code dirty} set and the next one wipes them.
 */
final class Scratch {
    private static final ThreadLocal<Scratch> PER_THREAD = ThreadLocal.withInitial(Scratch::new);

    double[] seedNumerator = new double[0];
    double[] tierWeight = new double[0];
    double[] reset = new double[0];
    double[] mass = new double[0];
    double[] nextMass = new double[0];
    boolean[] marked = new boolean[0];
    /** The PPR support and, within an iteration, its union with the pushed-to nodes. */
    int[] support = new int[0];
    final AscendingNodeSet union = new AscendingNodeSet();
    final IntList touched = new IntList(64);
    final IntList touchedToo = new IntList(64);
    private boolean dirty;

    static Scratch acquire(int nodes) {
        Scratch scratch = PER_THREAD.get();
        scratch.prepare(nodes);
        return scratch;
    }

    private void prepare(int nodes) {
        if (mass.length < nodes) {
            int size = Math.max(nodes, mass.length * 2);
            seedNumerator = new double[size];
            tierWeight = new double[size];
            reset = new double[size];
            mass = new double[size];
            nextMass = new double[size];
            marked = new boolean[size];
            support = new int[size];
            union.ensureCapacity(size);
        } else if (dirty) {
            Arrays.fill(seedNumerator, 0.0);
            Arrays.fill(tierWeight, 0.0);
            Arrays.fill(reset, 0.0);
            Arrays.fill(mass, 0.0);
            Arrays.fill(nextMass, 0.0);
            Arrays.fill(marked, false);
            union.wipe();
        }
        touched.clear();
        touchedToo.clear();
        dirty = true;
    }

    /** Called by a user that leaves every array zeroed again. */
    void release() {
        dirty = false;
    }
}
