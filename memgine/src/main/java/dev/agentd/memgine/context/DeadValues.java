package dev.agentd.memgine.context;

import dev.agentd.memgine.graph.EnvironmentEntry;
import dev.agentd.memgine.graph.EnvironmentHistory;
import dev.agentd.memgine.graph.Fact;
import dev.agentd.memgine.graph.GraphState;
import dev.agentd.memgine.text.Stemmer;
import dev.agentd.memgine.text.Tokenizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects the dead values of a graph (docs/memory.md, "Dead text"):
 *
 * <ul>
 *   <li>the body of every visible superseded fact whose successor updates the same attribute, i.e.
 *       the two subjects share at least half of their {@code T} tokens (Jaccard ≥ 0.5). A successor
 *       with an unrelated subject continues an event log, whose earlier entries stay true as history;
 *   <li>every value {@code set_environment} replaced;
 *   <li>minus any value that is current again: equal (ignoring case) to a valid fact's body or a
 *       visible environment value.
 * </ul>
 *
 * <p>One instance follows one graph state from version to version: fact records are immutable
 * and replaced on every change, so what was computed for a record is reused while it is
 * unchanged, and the current values are updated from the changes only. Not thread-safe.
 */
final class DeadValues {
    static final double SAME_ATTRIBUTE = 0.5;

    /** A superseded fact's value as computed against this successor; {@code value} null if not dead. */
    private record Candidate(Fact successor, DeadValue value) {}

    private final GraphState state;
    private final CurrentValues current = new CurrentValues();
    private Map<Fact, Candidate> superseded = new IdentityHashMap<>();

    DeadValues(GraphState state) {
        this.state = state;
    }

    GraphState state() {
        return state;
    }

    /** The dead values of the state as it is now. */
    List<DeadValue> collect() {
        current.update(state);
        List<DeadValue> values = new ArrayList<>();
        collectSuperseded(values);
        collectReplacedEnvironment(values);
        return values;
    }

    private void collectSuperseded(List<DeadValue> values) {
        Map<Fact, Candidate> next = new IdentityHashMap<>();
        for (int ix = 0; ix < state.end(); ix++) {
            Fact fact = state.fact(ix);
            if (fact == null || !fact.superseded() || !state.isVisible(ix)) {
                continue;
            }
            int successorIx = fact.supersededBy() == null ? -1 : state.visibleFactIndex(fact.supersededBy());
            Fact successor = successorIx < 0 ? null : state.fact(successorIx);
            Candidate candidate = superseded.get(fact);
            if (candidate == null || candidate.successor != successor) {
                candidate = new Candidate(successor, successor == null || sameAttribute(fact.subject(), successor.subject())
                        ? deadValue(fact.body(), successor == null ? null : successor.body()) : null);
            }
            next.put(fact, candidate);
            addUnlessCurrent(candidate.value, values);
        }
        superseded = next;
    }

    private void collectReplacedEnvironment(List<DeadValue> values) {
        for (EnvironmentHistory.Replaced replaced : state.replacedEnvironmentValues()) {
            int entry = state.indexOf(EnvironmentEntry.ID_PREFIX + replaced.key());
            addUnlessCurrent(deadValue(replaced.value(), state.isVisible(entry) ? state.node(entry).body() : null),
                    values);
        }
    }

    private void addUnlessCurrent(DeadValue value, List<DeadValue> values) {
        if (value != null && !current.contains(value.lower())) {
            values.add(value);
        }
    }
    /** The value with its index key and stems, or {@code null} if it has no {@code K} token. */
    private static DeadValue deadValue(String value, String replacement) {
        String lower = DeadText.lower(value);
        String key = DeadText.longestToken(lower);
        if (key == null) {
            return null;
        }
        Set<String> stems = stems(value);
        Set<String> changed = new LinkedHashSet<>(stems);
        if (replacement != null) {
            changed.removeAll(stems(replacement));
        }
        return new DeadValue(lower, key, replacement == null ? null : DeadText.lower(replacement), stems, changed);
    }

    static Set<String> stems(String text) {
        Set<String> stems = new LinkedHashSet<>();
        for (String token : Tokenizer.keywordTokens(text)) {
            stems.add(Stemmer.stem(token));
        }
        return stems;
    }

    /** Jaccard similarity of the subjects' {@code T} tokens is at least {@link #SAME_ATTRIBUTE}. */
    static boolean sameAttribute(String older, String newer) {
        Set<String> a = new HashSet<>(Tokenizer.seedTokens(older));
        Set<String> b = new HashSet<>(Tokenizer.seedTokens(newer));
        Set<String> union = new HashSet<>(a);
        union.addAll(b);
        a.retainAll(b);
        return !union.isEmpty() && a.size() >= SAME_ATTRIBUTE * union.size();
    }
}
