package dev.agentd.memgine.context;

import dev.agentd.memgine.graph.GraphState;
import dev.agentd.memgine.graph.Turn;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The three filter passes of memory §6.5 over all turns in {@code (ts, seq)} order: interruption
 * blocks, exploratory-scope blocks, then stray {@code [scope:} turns. The result depends only on
 * the turns, so it is cached per graph state and turn version.
 */
public final class ConversationFilter {
    private static final List<String> INTERRUPTION_START = List.of("hold on", "pause this", "one moment",
            "quick interruption", "sorry, need to", "let me handle", "stepping away");
    private static final List<String> INTERRUPTION_END = List.of("back to", "resume", "where were we", "anyway,",
            "returning to", "back on track", "incident resolved");
    private static final List<String> SCOPE_START = List.of("[scope:", "just exploratory");
    private static final List<String> SCOPE_END = List.of("that's enough", "real commitments", "back to real",
            "let's talk about real");
    private static final String SCOPE_MARKER = "[scope:";

    private record Cached(GraphState state, long version, List<Turn> kept) {}

    private volatile Cached cached;

    /** The turns that survive the filters, oldest first. Safe for concurrent readers. */
    public List<Turn> keptTurns(GraphState state) {
        Cached current = cached;
        if (current == null || current.state != state || current.version != state.turnsVersion()) {
            current = new Cached(state, state.turnsVersion(), filter(orderedTurns(state)));
            cached = current;
        }
        return current.kept;
    }

    /** Every stored turn in {@code (ts, seq)} order. */
    public static List<Turn> orderedTurns(GraphState state) {
        List<Turn> turns = new ArrayList<>();
        BitSet stored = state.turns();
        for (int ix = stored.nextSetBit(0); ix >= 0; ix = stored.nextSetBit(ix + 1)) {
            turns.add((Turn) state.node(ix));
        }
        turns.sort(Comparator.comparingLong(Turn::ts).thenComparingLong(Turn::seq));
        return turns;
    }

    static List<Turn> filter(List<Turn> turns) {
        List<Turn> afterInterruptions = dropBlocks(turns, INTERRUPTION_START, INTERRUPTION_END, true);
        List<Turn> afterScope = dropBlocks(afterInterruptions, SCOPE_START, SCOPE_END, false);
        List<Turn> kept = new ArrayList<>(afterScope.size());
        for (Turn turn : afterScope) {
            if (!lowerLine(turn).contains(SCOPE_MARKER)) {
                kept.add(turn);
            }
        }
        return kept;
    }

    /**
     * Outside a block, a turn with a start phrase opens one and is dropped; inside, a turn with
     * an end phrase closes it (kept or dropped as asked) and every other turn is dropped.
     */
    private static List<Turn> dropBlocks(List<Turn> turns, List<String> start, List<String> end,
            boolean keepClosingTurn) {
        List<Turn> kept = new ArrayList<>(turns.size());
        boolean inBlock = false;
        for (Turn turn : turns) {
            String line = lowerLine(turn);
            if (!inBlock) {
                if (containsAny(line, start)) {
                    inBlock = true;
                } else {
                    kept.add(turn);
                }
            } else if (containsAny(line, end)) {
                inBlock = false;
                if (keepClosingTurn) {
                    kept.add(turn);
                }
            }
        }
        return kept;
    }

    private static String lowerLine(Turn turn) {
        return turn.body().toLowerCase(Locale.ROOT);
    }

    private static boolean containsAny(String text, List<String> phrases) {
        for (String phrase : phrases) {
            if (text.contains(phrase)) {
                return true;
            }
        }
        return false;
    }
}
