package dev.agentd.memgine;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * How to open one graph.
 *
 * @param label the graph's label for messages and events ({@code shared}, {@code ns:<ns>},
 *     {@code agent:<id>}; memory §1.1)
 * @param limits node cap and fold thresholds
 * @param clock the daemon clock; the graph reads it once per call and never lets it go backwards
 * @param hooks fault injection (core §18.1)
 * @param changeListener receives a {@link MemoryChange} after every acknowledged mutation, in
 *     commit order; it is called from a writer's thread while the graph's commit lock is held, so
 *     it must only hand the event off (for example to an executor) and never block
 * @param foldExecutor runs folds triggered by journal size; shutdown and {@code load} fold inline
 */
public record GraphOptions(
        String label,
        GraphLimits limits,
        Clock clock,
        GraphHooks hooks,
        Consumer<MemoryChange> changeListener,
        Executor foldExecutor) {

    public GraphOptions {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(hooks, "hooks");
        Objects.requireNonNull(changeListener, "changeListener");
        Objects.requireNonNull(foldExecutor, "foldExecutor");
    }

    /** Default limits, the system UTC clock, no hooks, no listener, a new daemon thread per fold. */
    public static GraphOptions defaults(String label) {
        return new GraphOptions(label, GraphLimits.DEFAULTS, Clock.systemUTC(), GraphHooks.NONE, change -> {},
                task -> {
                    Thread thread = new Thread(task, "memgine-fold-" + label);
                    thread.setDaemon(true);
                    thread.start();
                });
    }

    public GraphOptions withLimits(GraphLimits newLimits) {
        return new GraphOptions(label, newLimits, clock, hooks, changeListener, foldExecutor);
    }

    public GraphOptions withClock(Clock newClock) {
        return new GraphOptions(label, limits, newClock, hooks, changeListener, foldExecutor);
    }

    public GraphOptions withHooks(GraphHooks newHooks) {
        return new GraphOptions(label, limits, clock, newHooks, changeListener, foldExecutor);
    }

    public GraphOptions withChangeListener(Consumer<MemoryChange> listener) {
        return new GraphOptions(label, limits, clock, hooks, listener, foldExecutor);
    }

    public GraphOptions withFoldExecutor(Executor executor) {
        return new GraphOptions(label, limits, clock, hooks, changeListener, executor);
    }

    /** The limits in force now: the hook's override, else {@link #limits()}. */
    GraphLimits effectiveLimits() {
        return hooks.limits().orElse(limits);
    }
}
