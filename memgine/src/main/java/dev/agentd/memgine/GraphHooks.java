package dev.agentd.memgine;

import java.util.Optional;

/**
 * Fault-injection points of one graph (core §18.1). The daemon implements this over its
 * {@code TestHooks} registry, bound to the graph's label; without test hooks it passes
 * {@link #NONE}. Each method is consulted at the moment the fault would happen, so a hook armed
 * after the graph was opened still takes effect.
 */
public interface GraphHooks {
    GraphHooks NONE = new GraphHooks() {};

    /** {@code memory.journal.fail-append}: consulted before every journal append. */
    default boolean failJournalAppend() {
        return false;
    }

    /**
     * {@code memory.fold.stop-after-rename}: consulted once per fold, right after the snapshot
     * rename; {@code true} ends the fold there, leaving the journal untruncated as a crash would.
     * "The next fold" semantics (disarm after one use) belong to the implementation.
     */
    default boolean stopFoldAfterRename() {
        return false;
    }

    /** {@code memory.limits}: replaces {@link GraphOptions#limits()} while present. */
    default Optional<GraphLimits> limits() {
        return Optional.empty();
    }
}
