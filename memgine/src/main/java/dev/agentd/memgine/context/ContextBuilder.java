package dev.agentd.memgine.context;

import dev.agentd.memgine.graph.EnvironmentEntry;
import dev.agentd.memgine.graph.Fact;
import dev.agentd.memgine.graph.GraphState;
import dev.agentd.memgine.graph.Identity;
import dev.agentd.memgine.graph.Turn;
import dev.agentd.memgine.text.TokenEstimate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code memory.build_context} (memory §6): Identity, Constraints, Facts, Outdated,
 * Conversation, Environment — each {@code ## <Title>\n<lines>}, sections joined by a blank line,
 * empty sections omitted, no trailing newline. Identity and Constraints come first and depend on
 * the graph only, so they form a byte-stable, cacheable prefix.
 *
 * <p>One instance per graph: it caches the conversation filter. The caller holds the read lock.
 */
public final class ContextBuilder {
    static final int ENVIRONMENT_ENTRIES = 5;
    private static final String WARNING = "\u26a0\ufe0f";

    private final ConversationFilter conversation = new ConversationFilter();

    public String build(GraphState state, String query, Integer modelContextWindow, boolean showHistory) {
        ContextBudget budget = ContextBudget.forWindow(modelContextWindow);
        List<String> sections = new ArrayList<>();
        Identity identity = state.identity();
        if (identity != null) {
            sections.add("## Identity\n" + identity.body());
        }
        addSection(sections, "Constraints", constraints(state));
        Set<Integer> repaired = new HashSet<>();
        addSection(sections, "Facts", FactsSection.lines(state, query, budget.facts(), showHistory, repaired));
        addSection(sections, "Outdated", outdated(state, repaired));
        List<String> turns = conversation(state, budget.conversation());
        if (!turns.isEmpty()) {
            sections.add("## Conversation\n### Recent\n" + String.join("\n", turns));
        }
        addSection(sections, "Environment", environment(state));
        return String.join("\n\n", sections);
    }

    private static void addSection(List<String> sections, String title, List<String> lines) {
        if (!lines.isEmpty()) {
            sections.add("## " + title + "\n" + String.join("\n", lines));
        }
    }

    private static List<String> constraints(GraphState state) {
        List<String> lines = new ArrayList<>();
        BitSet constraints = state.validConstraints();
        for (int ix = constraints.nextSetBit(0); ix >= 0; ix = constraints.nextSetBit(ix + 1)) {
            Fact fact = state.fact(ix);
            lines.add(WARNING + " [" + fact.id() + "] " + fact.subject() + ": " + fact.body());
        }
        return lines;
    }

    private static List<String> outdated(GraphState state, Set<Integer> repaired) {
        List<String> lines = new ArrayList<>();
        BitSet review = state.reviewFacts();
        for (int ix = review.nextSetBit(0); ix >= 0; ix = review.nextSetBit(ix + 1)) {
            if (!repaired.contains(ix)) {
                Fact fact = state.fact(ix);
                lines.add(WARNING + " OUTDATED [" + fact.id() + "]: " + fact.body() + " \u2014 may no longer be accurate");
            }
        }
        return lines;
    }

    /** The newest kept turns whose estimates fit the budget, oldest first (§6.5). */
    private List<String> conversation(GraphState state, int budget) {
        List<Turn> kept = conversation.keptTurns(state);
        int first = kept.size();
        long used = 0;
        while (first > 0) {
            used += TokenEstimate.of(kept.get(first - 1).body());
            if (used > budget) {
                break;
            }
            first--;
        }
        List<String> lines = new ArrayList<>(kept.size() - first);
        for (int i = first; i < kept.size(); i++) {
            lines.add(kept.get(i).body());
        }
        return lines;
    }

    private static List<String> environment(GraphState state) {
        List<EnvironmentEntry> entries = new ArrayList<>();
        BitSet visible = state.environment();
        for (int ix = visible.nextSetBit(0); ix >= 0; ix = visible.nextSetBit(ix + 1)) {
            entries.add((EnvironmentEntry) state.node(ix));
        }
        entries.sort(Comparator.comparingLong(EnvironmentEntry::updatedAt).thenComparingLong(EnvironmentEntry::seq)
                .reversed());
        List<String> lines = new ArrayList<>();
        for (EnvironmentEntry entry : entries.subList(0, Math.min(ENVIRONMENT_ENTRIES, entries.size()))) {
            lines.add("- " + entry.key() + ": " + entry.value());
        }
        return lines;
    }
}
