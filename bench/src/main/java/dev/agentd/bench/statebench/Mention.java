package dev.agentd.bench.statebench;

import java.util.List;
import java.util.Locale;

/**
 * A {@code must_mention} / {@code must_not_mention} entry (memory §11.2): a plain string, or an
 * object {@code {phrase, alternatives[]}} that matches if any of its strings does. Matching is a
 * case-insensitive substring test on {@code lower} of both sides.
 *
 * @param phrases the phrase first, then its alternatives, each already lowercased
 */
public record Mention(List<String> phrases) {
    public Mention {
        if (phrases.isEmpty()) {
            throw new IllegalArgumentException("phrases: [] (expected: at least one)");
        }
        phrases = phrases.stream().map(Mention::lower).toList();
    }

    public static Mention of(String phrase) {
        return new Mention(List.of(phrase));
    }

    public static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    /** The phrase, as reports name the entry. */
    public String label() {
        return phrases.get(0);
    }

    /** Whether any phrase occurs in {@code lowerText} (already passed through {@link #lower}). */
    public boolean isIn(String lowerText) {
        return phrases.stream().anyMatch(lowerText::contains);
    }
}
