package dev.agentd.memgine.text;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The two tokenizers of memory §4. Both lowercase with {@link Locale#ROOT} and return the distinct
 * tokens in first-occurrence order.
 *
 * <ul>
 *   <li>{@link #seedTokens} is {@code T(s)}: separators are whitespace, space characters and
 *       {@code / : - _ . ,}; other punctuation stays inside tokens ({@code now?} is one token).
 *   <li>{@link #keywordTokens} is {@code K(s)}: additionally every character of the general
 *       categories Pc, Pd, Ps, Pe, Pi, Pf and Po separates.
 * </ul>
 *
 * <p>Every separator of {@code T} is also one of {@code K}, so {@code K(s)} is the union of
 * {@code K(t)} over the tokens {@code t} of {@code T(s)} — the index relies on that.
 */
public final class Tokenizer {
    private Tokenizer() {}

    public static List<String> seedTokens(String text) {
        return split(text.toLowerCase(Locale.ROOT), false);
    }

    public static List<String> keywordTokens(String text) {
        return split(text.toLowerCase(Locale.ROOT), true);
    }

    /** Whether {@code c} separates {@code T} tokens. */
    public static boolean isSeedSeparator(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c)
                || c == '/' || c == ':' || c == '-' || c == '_' || c == '.' || c == ',';
    }

    /** Whether {@code c} separates {@code K} tokens. */
    public static boolean isKeywordSeparator(char c) {
        if (isSeedSeparator(c)) {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    /** Receives a token as the region {@code [start, end)} of the lowercased text. */
    @FunctionalInterface
    public interface TokenRange {
        void accept(String lower, int start, int end);
    }

    /**
     * Calls {@code action} with every {@code T} token of {@code text} in order, repeats included,
     * as a region of the lowercased text: {@link #seedTokens} are the distinct ones. For the
     * index, which looks tokens up without copying them out and dedupes by vocabulary id.
     */
    public static void forEachSeedToken(String text, TokenRange action) {
        forEach(text.toLowerCase(Locale.ROOT), false, action);
    }

    /**
     * Every {@code K} token of text that is already lowercased, repeats included, as regions of it
     * (the text is not lowercased again, so positions stay those of the caller's text).
     */
    public static void forEachKeywordTokenOfLower(String lower, TokenRange action) {
        forEach(lower, true, action);
    }

    private static List<String> split(String lower, boolean keyword) {
        List<String> tokens = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        forEach(lower, keyword, (text, start, end) -> {
            String token = text.substring(start, end);
            if (seen.add(token)) {
                tokens.add(token);
            }
        });
        return tokens;
    }

    private static void forEach(String lower, boolean keyword, TokenRange action) {
        int start = -1;
        for (int i = 0; i <= lower.length(); i++) {
            boolean separator = i == lower.length()
                    || (keyword ? isKeywordSeparator(lower.charAt(i)) : isSeedSeparator(lower.charAt(i)));
            if (separator) {
                if (start >= 0) {
                    action.accept(lower, start, i);
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
        }
    }
}
