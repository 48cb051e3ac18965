package dev.agentd.memgine.consolidate;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Sentence splitting of memory §7: after {@code .}, {@code !} or {@code ?} followed by whitespace. */
final class Sentences {
    private static final Pattern BOUNDARY = Pattern.compile("(?<=[.!?])\\s+");

    private Sentences() {}

    /** The trimmed, non-empty sentences of {@code text}, in order. */
    static List<String> split(String text) {
        List<String> sentences = new ArrayList<>();
        for (String sentence : BOUNDARY.split(text)) {
            String trimmed = sentence.trim();
            if (!trimmed.isEmpty()) {
                sentences.add(trimmed);
            }
        }
        return sentences;
    }
}
