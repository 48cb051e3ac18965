package dev.agentd.memgine.consolidate;

import dev.agentd.memgine.ConsolidationReport.ConversationReport;
import dev.agentd.memgine.graph.Turn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Step 3 of {@code consolidate} (memory §7): when a graph holds more than 100 turns, everything
 * but the newest 6 is compacted — consecutive same-speaker turns merged into the first (texts
 * joined by {@code \n}), then low-value turns dropped, then long many-sentence texts shortened.
 * The sub-steps run in the order the spec lists them, so an "ok" between two turns of the other
 * speaker is dropped but does not make its neighbours merge.
 */
final class TurnCompaction {
    static final int THRESHOLD = 100;
    static final int KEPT_RECENT = 6;
    static final int LOW_VALUE_MAX = 100;
    static final int SHORTEN_OVER = 500;
    static final int SHORTEN_MIN_SENTENCES = 5;
    private static final Pattern LOW_VALUE = Pattern.compile(
            "(?:ok|okay|sure|yes|yeah|yep|yup|right|k|ack|acknowledged|roger|np|noted|understood|got it"
                    + "|no problem|sounds good|makes sense|will do|on it|thanks|thank you|ty|thx|cheers|hi|hello"
                    + "|hey|yo|sup|lol|haha|heh|nice|cool|great|awesome|perfect|sweet|neat"
                    + "|\uD83D\uDC4D|\u2705|\uD83D\uDE02|\uD83D\uDC80|\uD83D\uDE4C)[ .!]*",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** Ids to delete (in order), texts to rewrite, and the report. */
    record Result(List<String> deleted, Map<String, String> rewrites, ConversationReport report,
            List<Turn> turnsAfter) {}

    private TurnCompaction() {}

    /** {@code ordered}: every turn in {@code (ts, seq)} order. Returns {@code null} below the threshold. */
    static Result compact(List<Turn> ordered) {
        if (ordered.size() <= THRESHOLD) {
            return null;
        }
        int oldZone = ordered.size() - KEPT_RECENT;
        List<String> deleted = new ArrayList<>();
        List<Turn> merged = merge(ordered.subList(0, oldZone), deleted);
        int mergedAway = deleted.size();
        List<Turn> survivors = new ArrayList<>();
        for (Turn turn : merged) {
            if (isLowValue(turn.text())) {
                deleted.add(turn.id());
            } else {
                survivors.add(turn.withText(shorten(turn.text())));
            }
        }
        int removed = deleted.size() - mergedAway;
        Map<String, String> rewrites = new LinkedHashMap<>();
        for (Turn turn : survivors) {
            if (!turn.text().equals(original(ordered, turn.id()).text())) {
                rewrites.put(turn.id(), turn.text());
            }
        }
        List<Turn> after = new ArrayList<>(survivors);
        after.addAll(ordered.subList(oldZone, ordered.size()));
        ConversationReport report = new ConversationReport(ordered.size(), after.size(), removed, mergedAway);
        return new Result(deleted, rewrites, report, after);
    }

    private static List<Turn> merge(List<Turn> turns, List<String> deleted) {
        List<Turn> merged = new ArrayList<>();
        for (Turn turn : turns) {
            Turn last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && last.speaker().equals(turn.speaker())) {
                merged.set(merged.size() - 1, last.withText(last.text() + "\n" + turn.text()));
                deleted.add(turn.id());
            } else {
                merged.add(turn);
            }
        }
        return merged;
    }

    static boolean isLowValue(String text) {
        String trimmed = text.trim();
        return trimmed.isEmpty() || (trimmed.length() <= LOW_VALUE_MAX && LOW_VALUE.matcher(trimmed).matches());
    }

    /** First 2 and last 2 sentences around {@code […<n> sentences omitted…]} for long texts. */
    static String shorten(String text) {
        if (text.length() <= SHORTEN_OVER) {
            return text;
        }
        List<String> sentences = Sentences.split(text);
        int n = sentences.size();
        if (n < SHORTEN_MIN_SENTENCES) {
            return text;
        }
        return String.join(" ", sentences.get(0), sentences.get(1),
                "[\u2026" + (n - 4) + " sentences omitted\u2026]", sentences.get(n - 2), sentences.get(n - 1));
    }

    private static Turn original(List<Turn> ordered, String id) {
        for (Turn turn : ordered) {
            if (turn.id().equals(id)) {
                return turn;
            }
        }
        throw new IllegalStateException("unknown turn " + id);
    }
}
