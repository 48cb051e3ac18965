package dev.agentd.memgine;

/**
 * Size limits of one graph: the node cap (memory §1.2) and the fold thresholds (§9.4). The test
 * hook {@code memory.limits} (core §18.1) overrides them through {@link GraphHooks#limits()}.
 */
public record GraphLimits(int maxNodes, long foldJournalBytes, long foldJournalRecords) {
    public static final GraphLimits DEFAULTS = new GraphLimits(1_000_000, 64L * 1024 * 1024, 200_000);

    public GraphLimits {
        if (maxNodes < 1) {
            throw new IllegalArgumentException("maxNodes: " + maxNodes + " (expected: > 0)");
        }
        if (foldJournalBytes < 1) {
            throw new IllegalArgumentException("foldJournalBytes: " + foldJournalBytes + " (expected: > 0)");
        }
        if (foldJournalRecords < 1) {
            throw new IllegalArgumentException("foldJournalRecords: " + foldJournalRecords + " (expected: > 0)");
        }
    }
}
