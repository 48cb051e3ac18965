package dev.agentd.memgine.text;

/**
 * Finds a phrase only where it stands as whole words: each end of an occurrence is an end of the
 * text, touches a separator, or is itself one ({@code "5%"} is not found in {@code "25%"}, while
 * {@code "(draft)"} is found in {@code "x(draft)y"}). What separates is the caller's choice.
 */
public final class WordBoundaries {
    @FunctionalInterface
    public interface Separator {
        boolean test(char c);
    }

    private WordBoundaries() {}

    /** The first whole-word occurrence of {@code phrase} in {@code text} at or after {@code from}, or -1. */
    public static int indexOf(String text, String phrase, int from, Separator separator) {
        for (int at = text.indexOf(phrase, from); at >= 0; at = text.indexOf(phrase, at + 1)) {
            int end = at + phrase.length();
            boolean startOk = at == 0 || separator.test(text.charAt(at - 1)) || separator.test(text.charAt(at));
            boolean endOk = end == text.length() || separator.test(text.charAt(end)) || separator.test(text.charAt(end - 1));
            if (startOk && endOk) {
                return at;
            }
        }
        return -1;
    }
}
