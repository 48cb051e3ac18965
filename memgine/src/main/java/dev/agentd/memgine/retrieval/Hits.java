package dev.agentd.memgine.retrieval;

/** PPR hits: node indexes and activations, activation descending, lower index first on ties. */
public record Hits(int[] indexes, double[] activations) {
    static final Hits NONE = new Hits(new int[0], new double[0]);

    public int size() {
        return indexes.length;
    }
}
