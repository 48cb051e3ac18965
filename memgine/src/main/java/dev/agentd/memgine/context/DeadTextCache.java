package dev.agentd.memgine.context;

import dev.agentd.memgine.graph.GraphState;

/**
 * The {@link DeadText} of a graph, rebuilt only when its facts or environment changed (adding a
 * turn does not count). Readers share the built value; a rebuild runs under this object's lock,
 * which also guards the {@link DeadValues} that carries work over from one version to the next.
 */
final class DeadTextCache {
    private record Cached(GraphState state, long version, DeadText deadText) {}

    private volatile Cached cached;
    private DeadValues values;

    DeadText of(GraphState state) {
        Cached current = cached;
        if (isFor(current, state)) {
            return current.deadText;
        }
        synchronized (this) {
            current = cached;
            if (!isFor(current, state)) {
                if (values == null || values.state() != state) {
                    values = new DeadValues(state);
                }
                current = new Cached(state, state.valuesVersion(), DeadText.of(values.collect()));
                cached = current;
            }
            return current.deadText;
        }
    }

    private static boolean isFor(Cached cached, GraphState state) {
        return cached != null && cached.state == state && cached.version == state.valuesVersion();
    }
}
