package dev.agentd.memgine.consolidate;

import dev.agentd.memgine.ConsolidationReport;
import dev.agentd.memgine.context.ConversationFilter;
import dev.agentd.memgine.graph.Fact;
import dev.agentd.memgine.graph.GraphState;
import dev.agentd.memgine.graph.Mutation;
import dev.agentd.memgine.graph.Node;
import dev.agentd.memgine.graph.Turn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides everything {@code consolidate} (memory §7) will do without changing the graph: the
 * result is one {@code consolidate} journal record with the explicit effects plus the report, so
 * the call is all-or-nothing and replay re-decides nothing. The caller has swept at {@code now}.
 */
public final class ConsolidationPlanner {
    static final int GC_STEPS = 3;

    private ConsolidationPlanner() {}

    /** The record to journal and apply, and the report to return after applying it. */
    public record Plan(Mutation.Consolidate mutation, ConsolidationReport report) {}

    public static Plan plan(GraphState state, long now) {
        List<String> deleted = new ArrayList<>();
        int pruned = pruneExpired(state, deleted);
        int collected = collectSuperseded(state, deleted);
        int deletedFacts = 0;
        for (String id : deleted) {
            if (state.fact(state.indexOf(id)) != null) {
                deletedFacts++;
            }
        }
        List<Turn> ordered = ConversationFilter.orderedTurns(state);
        TurnCompaction.Result compaction = TurnCompaction.compact(ordered);
        List<Mutation.TurnRewrite> rewrites = new ArrayList<>();
        List<Turn> turnsAfter = ordered;
        if (compaction != null) {
            deleted.addAll(compaction.deleted());
            for (Map.Entry<String, String> rewrite : compaction.rewrites().entrySet()) {
                rewrites.add(new Mutation.TurnRewrite(rewrite.getKey(), rewrite.getValue()));
            }
            turnsAfter = compaction.turnsAfter();
        }
        ConsolidationReport report = new ConsolidationReport(pruned, collected,
                compaction == null ? null : compaction.report(), Reflections.find(turnsAfter), List.of(), List.of(),
                state.storedFactCount(), state.storedFactCount() - deletedFacts);
        return new Plan(new Mutation.Consolidate(now, deleted, rewrites), report);
    }

    /** Step 1: expired facts and environment entries. */
    private static int pruneExpired(GraphState state, List<String> deleted) {
        int pruned = 0;
        for (int ix = 0; ix < state.end(); ix++) {
            Node node = state.node(ix);
            if (node != null && !state.isVisible(ix) && node.expiresAt() != null) {
                deleted.add(node.id());
                pruned++;
            }
        }
        return pruned;
    }

    /** Step 2: superseded facts whose {@code superseded_by} chain reaches no valid fact within 3 steps. */
    private static int collectSuperseded(GraphState state, List<String> deleted) {
        int collected = 0;
        for (int ix = 0; ix < state.end(); ix++) {
            Fact fact = state.fact(ix);
            if (fact != null && state.isVisible(ix) && fact.superseded() && !reachesValid(state, fact)) {
                deleted.add(fact.id());
                collected++;
            }
        }
        return collected;
    }

    private static boolean reachesValid(GraphState state, Fact fact) {
        String next = fact.supersededBy();
        for (int step = 0; step < GC_STEPS && next != null; step++) {
            int ix = state.indexOf(next);
            Fact successor = state.fact(ix);
            if (successor == null || !state.isVisible(ix)) {
                return false;
            }
            if (state.isValidFact(ix)) {
                return true;
            }
            next = successor.supersededBy();
        }
        return false;
    }
}
