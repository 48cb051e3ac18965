package dev.agentd.memgine.text;

import java.util.List;
import java.util.Locale;

/**
 * {@code stem(w)} of memory §4: a deliberately crude suffix stripper. It is part of the retrieval
 * contract (seed scores depend on it), so it must not be "improved" without a spec change.
 */
public final class Stemmer {
    private static final List<String> SUFFIXES = List.of(
            "ation", "tion", "ment", "ness", "able", "ible", "ence", "ance", "ing", "ful", "ous", "ive",
            "ize", "ise", "ify", "ate", "ed", "er", "ly", "al", "es");
    private static final int MIN_STEM = 3;

    private Stemmer() {}

    public static String stem(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        if (w.length() < 4) {
            return w;
        }
        for (String suffix : SUFFIXES) {
            if (w.endsWith(suffix) && w.length() - suffix.length() >= MIN_STEM) {
                return w.substring(0, w.length() - suffix.length());
            }
        }
        if (w.endsWith("s") && !w.endsWith("ss")) {
            return w.substring(0, w.length() - 1);
        }
        return w;
    }
}
