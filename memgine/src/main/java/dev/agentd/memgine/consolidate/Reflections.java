package dev.agentd.memgine.consolidate;

import dev.agentd.memgine.text.WordBoundaries;
import dev.agentd.memgine.ConsolidationReport.Reflection;
import dev.agentd.memgine.Timestamps;
import dev.agentd.memgine.graph.Turn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Step 4 of {@code consolidate} (memory §7): phrases found at word boundaries in the newest 100
 * turns, at most one reflection per type per turn. Reported only; nothing is stored.
 */
final class Reflections {
    static final int WINDOW = 100;
    static final int MAX_TEXT = 200;
    private static final Map<String, List<String>> PHRASES = new LinkedHashMap<>();

    static {
        PHRASES.put("correction", List.of("actually", "correction:", "let me correct", "i was wrong", "i meant",
                "to clarify", "that's wrong", "that is wrong", "that's incorrect", "that is incorrect"));
        PHRASES.put("preference", List.of("i prefer", "i'd rather", "i would rather", "from now on", "going forward",
                "please always", "please never", "please don't", "my preference", "remember to", "remember that",
                "keep in mind"));
        PHRASES.put("friction", List.of("i already said", "i already told", "i already asked", "i just said",
                "as i said", "as i mentioned", "how many times", "still waiting", "still not", "this is frustrating"));
    }

    private Reflections() {}

    /** {@code ordered}: the turns after compaction in {@code (ts, seq)} order. */
    static List<Reflection> find(List<Turn> ordered) {
        List<Reflection> reflections = new ArrayList<>();
        for (Turn turn : ordered.subList(Math.max(0, ordered.size() - WINDOW), ordered.size())) {
            for (Map.Entry<String, List<String>> type : PHRASES.entrySet()) {
                String sentence = firstSentenceWithPhrase(turn.text(), type.getValue());
                if (sentence != null) {
                    reflections.add(new Reflection(type.getKey(), turn.speaker(), cut(sentence),
                            Timestamps.format(turn.ts())));
                }
            }
        }
        return reflections;
    }

    private static String firstSentenceWithPhrase(String text, List<String> phrases) {
        for (String sentence : Sentences.split(text)) {
            String lower = sentence.toLowerCase(Locale.ROOT);
            for (String phrase : phrases) {
                if (containsAtWordBoundary(lower, phrase)) {
                    return sentence;
                }
            }
        }
        return null;
    }

    static boolean containsAtWordBoundary(String text, String phrase) {
        return WordBoundaries.indexOf(text, phrase, 0, c -> !isWordChar(c)) >= 0;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static String cut(String sentence) {
        return sentence.length() <= MAX_TEXT ? sentence : sentence.substring(0, MAX_TEXT) + "\u2026";
    }
}
