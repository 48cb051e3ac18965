package dev.agentd.memgine.context;

import dev.agentd.memgine.graph.Fact;
import dev.agentd.memgine.graph.GraphState;
import dev.agentd.memgine.retrieval.Hits;
import dev.agentd.memgine.retrieval.Retriever;
import dev.agentd.memgine.text.TokenEstimate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Facts section (memory §6.3) with its inline repair notes (§6.4).
 *
 * <p>Candidates are the valid non-constraint facts; {@code score = max(act, kw)}. The section
 * shows the best-scored facts whose body estimates fit the budget, best last. Facts scoring 0
 * come before every positive one, lower {@code seq} first, so only as many of them are visited
 * (newest first) as the budget can still take.
 */
final class FactsSection {
    static final int ACTIVATION_HITS = 50;
    private static final String WARNING = "\u26a0\ufe0f";

    private final GraphState state;
    private final boolean showHistory;
    private final Set<Integer> repaired;
    private final DeadText dead;

    private FactsSection(GraphState state, boolean showHistory, Set<Integer> repaired, DeadText dead) {
        this.state = state;
        this.showHistory = showHistory;
        this.repaired = repaired;
        this.dead = dead;
    }

    /**
     * The section's lines; facts repaired inline are added to {@code repaired}. Dead values quoted
     * in a rendered body become {@link DeadText#MARK} (docs/memory.md, "Dead text").
     */
    static List<String> lines(GraphState state, String query, int budget, boolean showHistory, Set<Integer> repaired,
            DeadText dead) {
        FactsSection section = new FactsSection(state, showHistory, repaired, dead);
        List<String> lines = new ArrayList<>();
        for (int ix : section.select(query, budget)) {
            section.render(ix, lines);
        }
        return lines;
    }

    /** Node indexes of the selected facts in rendering order (ascending score). */
    private List<Integer> select(String query, int budget) {
        Map<Integer, Double> scores = scores(query);
        List<Integer> positive = new ArrayList<>(scores.keySet());
        positive.sort((a, b) -> {
            int byScore = Double.compare(scores.get(b), scores.get(a));
            return byScore != 0 ? byScore : Integer.compare(b, a);
        });
        List<Integer> selected = new ArrayList<>();
        long used = 0;
        for (int ix : positive) {
            used += TokenEstimate.of(state.fact(ix).body());
            if (!selected.isEmpty() && used > budget) {
                return reversed(selected);
            }
            selected.add(ix);
        }
        BitSet candidates = state.validFacts();
        candidates.andNot(state.validConstraints());
        for (int ix = candidates.length() - 1; ix >= 0; ix = candidates.previousSetBit(ix - 1)) {
            if (scores.containsKey(ix)) {
                continue;
            }
            used += TokenEstimate.of(state.fact(ix).body());
            if (!selected.isEmpty() && used > budget) {
                break;
            }
            selected.add(ix);
        }
        return reversed(selected);
    }

    /** {@code max(act, kw)} for the facts where it is positive. */
    private Map<Integer, Double> scores(String query) {
        Map<Integer, Double> scores = KeywordOverlap.scores(state, query);
        Hits hits = Retriever.retrieve(state, query).hits();
        for (int i = 0; i < Math.min(ACTIVATION_HITS, hits.size()); i++) {
            int ix = hits.indexes()[i];
            if (KeywordOverlap.isCandidate(state, ix)) {
                scores.merge(ix, hits.activations()[i], Math::max);
            }
        }
        return scores;
    }

    private void render(int ix, List<String> lines) {
        Fact fact = state.fact(ix);
        StringBuilder line = new StringBuilder("- [").append(fact.id()).append("] ").append(marker(fact.authority()))
                .append(' ').append(fact.subject()).append(": ").append(dead.redact(fact.body()));
        List<String> dependsOn = state.dependsOnIds(ix);
        if (!dependsOn.isEmpty()) {
            line.append(" (depends on: ").append(String.join(", ", dependsOn)).append(')');
        }
        if (showHistory) {
            for (int old : state.supersededTargets(ix)) {
                if (state.isVisible(old)) {
                    line.append(" (changed from: ").append(state.fact(old).body()).append(')');
                    break;
                }
            }
        }
        lines.add(line.toString());
        addRepairNotes(ix, fact, lines);
    }

    /** §6.4: valid facts needing review that depend on a fact this one superseded. */
    private void addRepairNotes(int ix, Fact current, List<String> lines) {
        for (int old : state.supersededTargets(ix)) {
            for (int dependent : state.dependents(old)) {
                Fact stale = state.fact(dependent);
                if (state.isValidFact(dependent) && stale.needsReview() && repaired.add(dependent)) {
                    lines.add("  " + WARNING + " RECALCULATE [" + stale.id() + "]: " + dead.redact(stale.body())
                            + " (depends on: " + current.id() + ")");
                    lines.add("    was based on old value \u2014 recalculate with current value above");
                }
            }
        }
    }

    static String marker(String authority) {
        return switch (authority) {
            case "system", "policy", "executive" -> "[org]";
            case "user", "peer" -> "[usr]";
            default -> "[ext]";
        };
    }

    private static List<Integer> reversed(List<Integer> list) {
        Collections.reverse(list);
        return list;
    }
}
