package dev.agentd.memgine.context;

import dev.agentd.memgine.graph.EnvironmentEntry;
import dev.agentd.memgine.graph.Fact;
import dev.agentd.memgine.graph.GraphState;
import dev.agentd.memgine.graph.Identity;
import dev.agentd.memgine.graph.Turn;
import dev.agentd.memgine.text.TokenEstimate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
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
    private final DeadTextCache deadTexts = new DeadTextCache();

    /** The context block (memory §6); runs {@code onFactsRanked} once the Facts are chosen. */
    public String build(GraphState state, String query, Integer modelContextWindow, boolean showHistory,
            Runnable onFactsRanked) {
        ContextBudget budget = ContextBudget.forWindow(modelContextWindow);
        List<String> sections = new ArrayList<>();
        Identity identity = state.identity();
        if (identity != null) {
            sections.add("## Identity\n" + identity.body());
        }
        addSection(sections, "Constraints", constraints(state));
        Set<Integer> repaired = new HashSet<>();
        DeadText dead = deadTexts.of(state);
        addSection(sections, "Facts", FactsSection.lines(state, query, budget.facts(), showHistory, repaired, dead));
        onFactsRanked.run();
        addSection(sections, "Outdated", outdated(state, repaired));
        List<String> turns = conversation(state, budget.conversation(), dead);
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

    /**
     * The newest kept turns whose estimates fit the budget, oldest first (§6.5); the fourth pass,
     * {@link StaleTurns}, drops or redacts turns stating dead values before they count.
     */
    private List<String> conversation(GraphState state, int budget, DeadText dead) {
        List<Turn> kept = conversation.keptTurns(state);
        List<String> newestFirst = new ArrayList<>();
        long used = 0;
        for (int i = kept.size() - 1; i >= 0; i--) {
            String line = dead.turnLine(kept.get(i));
            if (line == null) {
                continue;
            }
            used += TokenEstimate.of(line);
            if (used > budget) {
                break;
            }
            newestFirst.add(line);
        }
        Collections.reverse(newestFirst);
        return newestFirst;
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
