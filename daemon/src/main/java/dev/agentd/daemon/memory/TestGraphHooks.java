package dev.agentd.daemon.memory;

import dev.agentd.daemon.testing.TestHooks;
import dev.agentd.memgine.GraphHooks;
import dev.agentd.memgine.GraphLimits;
import java.util.Optional;

/**
 * The memory fault-injection hooks of core §18.1 for one graph, read from the daemon's
 * {@link TestHooks} at the moment the engine asks, so a hook armed after the graph was opened
 * still applies. {@code memory.fold.stop-after-rename} and {@code memory.journal.fail-append} are
 * armed with the label of the graph they target; {@code memory.limits} with a {@link GraphLimits}
 * for every graph.
 */
final class TestGraphHooks implements GraphHooks {
    private final TestHooks hooks;
    private final String label;

    private TestGraphHooks(TestHooks hooks, String label) {
        this.hooks = hooks;
        this.label = label;
    }

    /** The hooks of the graph {@code label}; {@link GraphHooks#NONE} when test hooks are off. */
    static GraphHooks of(TestHooks hooks, String label) {
        return hooks.active() ? new TestGraphHooks(hooks, label) : GraphHooks.NONE;
    }

    @Override
    public boolean failJournalAppend() {
        return hooks.armed(TestHooks.MEMORY_JOURNAL_FAIL_APPEND, String.class).filter(label::equals).isPresent();
    }

    /** "The next fold": the hook disarms itself when this graph's fold uses it. */
    @Override
    public boolean stopFoldAfterRename() {
        return hooks.disarmIf(TestHooks.MEMORY_FOLD_STOP_AFTER_RENAME, label);
    }

    @Override
    public Optional<GraphLimits> limits() {
        return hooks.armed(TestHooks.MEMORY_LIMITS, GraphLimits.class);
    }
}
