package dev.agentd.memgine.retrieval;

/** Seed node indexes and their scores, best first. */
record Seeds(int[] indexes, double[] scores) {
    static final Seeds NONE = new Seeds(new int[0], new double[0]);

    boolean isEmpty() {
        return indexes.length == 0;
    }
}
