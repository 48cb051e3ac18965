package dev.agentd.memgine.context;

import dev.agentd.memgine.graph.GraphState;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The current values of one graph state, lowercased by {@link DeadText#lower}: the bodies of the
 * valid facts (a multiset, updated from the changes of the valid set since the last call, so a
 * rebuild after one write costs one pass over the set's words, not one per fact) and the visible
 * environment values. Not thread-safe; node indexes are never reused within a state.
 */
final class CurrentValues {
    private BitSet valid = new BitSet();
    private String[] lowerBodies = new String[0];
    private final Map<String, Integer> bodies = new HashMap<>();
    private final Set<String> environment = new HashSet<>();

    void update(GraphState state) {
        BitSet now = state.validFacts();
        BitSet changed = (BitSet) now.clone();
        changed.xor(valid);
        for (int ix = changed.nextSetBit(0); ix >= 0; ix = changed.nextSetBit(ix + 1)) {
            if (now.get(ix)) {
                enter(ix, DeadText.lower(state.fact(ix).body()));
            } else {
                leave(ix);
            }
        }
        valid = now;
        environment.clear();
        BitSet entries = state.environment();
        for (int ix = entries.nextSetBit(0); ix >= 0; ix = entries.nextSetBit(ix + 1)) {
            environment.add(DeadText.lower(state.node(ix).body()));
        }
    }

    boolean contains(String lower) {
        return bodies.containsKey(lower) || environment.contains(lower);
    }

    private void enter(int ix, String lower) {
        if (ix >= lowerBodies.length) {
            lowerBodies = Arrays.copyOf(lowerBodies, Math.max(ix + 1, lowerBodies.length * 2));
        }
        lowerBodies[ix] = lower;
        bodies.merge(lower, 1, Integer::sum);
    }

    private void leave(int ix) {
        String lower = lowerBodies[ix];
        lowerBodies[ix] = null;
        bodies.computeIfPresent(lower, (body, count) -> count == 1 ? null : count - 1);
    }
}
