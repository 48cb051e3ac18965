package dev.agentd.memgine.context;

import dev.agentd.memgine.graph.Turn;
import dev.agentd.memgine.text.Tokenizer;
import dev.agentd.memgine.text.WordBoundaries;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dead values of a graph (see {@link DeadValues}), indexed so that finding them in a line
 * costs one lookup per token of the line rather than one scan per dead value.
 *
 * <p>A dead value occurs in a text where it appears ignoring case on word boundaries (each end
 * is the text's end or touches a {@code K} separator), so "no" is not found in "know" and "5%" not
 * in "25%". Such an occurrence holds every {@code K} token of the value as a whole token of the
 * text; the longest one (the likeliest to be rare) is the index key. A paraphrase is found
 * through the longest of the value's changed stems.
 *
 * <p>Built once per graph version and shared by concurrent readers. It remembers (up to
 * {@value #MEMO_LIMIT} entries each) the redacted bodies and turn lines it computed, because the
 * same facts and recent turns are rendered again by every {@code build_context} until the next
 * write.
 */
final class DeadText {
    static final String MARK = "[superseded]";
    static final double PARAPHRASE_SHARE = 0.6;
    static final DeadText NONE = new DeadText(List.of());
    static final int MEMO_LIMIT = 4096;

    /** One occurrence {@code [start, end)} of a dead value in a text. */
    record Match(int start, int end, DeadValue value) {
        int length() {
            return end - start;
        }
    }

    private final Map<String, List<DeadValue>> byKey = new HashMap<>();
    private final Map<String, List<DeadValue>> byChangedStem = new HashMap<>();
    private final Map<String, String> redactedBodies = new ConcurrentHashMap<>();
    private final Map<Turn, Optional<String>> turnLines = new ConcurrentHashMap<>();

    private DeadText(List<DeadValue> values) {
        for (DeadValue value : values) {
            byKey.computeIfAbsent(value.key(), t -> new ArrayList<>(1)).add(value);
            if (!value.changedStems().isEmpty()) {
                String stem = longest(value.changedStems());
                byChangedStem.computeIfAbsent(stem, s -> new ArrayList<>(1)).add(value);
            }
        }
    }

    static DeadText of(List<DeadValue> values) {
        return values.isEmpty() ? NONE : new DeadText(values);
    }

    boolean isEmpty() {
        return byKey.isEmpty();
    }

    /** {@code text} with every dead value in it replaced by {@link #MARK}. */
    String redact(String text) {
        if (isEmpty()) {
            return text;
        }
        String known = redactedBodies.get(text);
        if (known != null) {
            return known;
        }
        List<Match> matches = find(lower(text));
        String redacted = matches.isEmpty() ? text : redact(text, matches);
        remember(redactedBodies, text, redacted);
        return redacted;
    }

    /** The line {@link StaleTurns} makes of {@code turn}, or {@code null} if it drops the turn. */
    String turnLine(Turn turn) {
        if (isEmpty()) {
            return turn.body();
        }
        Optional<String> known = turnLines.get(turn);
        if (known == null) {
            known = Optional.ofNullable(StaleTurns.line(turn, this));
            remember(turnLines, turn, known);
        }
        return known.orElse(null);
    }

    private static <K, V> void remember(Map<K, V> memo, K key, V value) {
        if (memo.size() < MEMO_LIMIT) {
            memo.put(key, value);
        }
    }

    /** Every occurrence of a dead value in {@code lower} (a text lowercased by {@link #lower}). */
    List<Match> find(String lower) {
        List<Match> matches = new ArrayList<>();
        if (isEmpty()) {
            return matches;
        }
        Set<String> seen = new HashSet<>(4);
        Tokenizer.forEachKeywordTokenOfLower(lower, (text, start, end) -> {
            String token = text.substring(start, end);
            List<DeadValue> candidates = byKey.get(token);
            if (candidates != null && seen.add(token)) {
                for (DeadValue value : candidates) {
                    addOccurrences(lower, value, matches);
                }
            }
        });
        return matches;
    }

    /**
     * Whether a text with these stems restates a dead value in other words: it holds at least
     * {@link #PARAPHRASE_SHARE} of the value's stems and every stem that the replacement lacks.
     */
    boolean paraphrases(Set<String> textStems) {
        for (String stem : textStems) {
            for (DeadValue value : byChangedStem.getOrDefault(stem, List.of())) {
                if (textStems.containsAll(value.changedStems()) && shared(value.stems(), textStems)
                        >= PARAPHRASE_SHARE * value.stems().size()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Replaces the matches, longest first where they overlap, by {@link #MARK}. */
    static String redact(String text, List<Match> matches) {
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (Match match : disjoint(matches)) {
            out.append(text, at, match.start()).append(MARK);
            at = match.end();
        }
        return out.append(text, at, text.length()).toString();
    }

    /** The longest matches that do not overlap a longer (or earlier equally long) one, by position. */
    static List<Match> disjoint(List<Match> matches) {
        List<Match> byLength = new ArrayList<>(matches);
        byLength.sort(Comparator.comparingInt(Match::length).reversed().thenComparingInt(Match::start));
        List<Match> chosen = new ArrayList<>();
        for (Match match : byLength) {
            if (chosen.stream().noneMatch(c -> c.start() < match.end() && match.start() < c.end())) {
                chosen.add(match);
            }
        }
        chosen.sort(Comparator.comparingInt(Match::start));
        return chosen;
    }

    /** Lowercases character by character, so positions in the result are positions in {@code text}. */
    static String lower(String text) {
        int first = 0;
        while (first < text.length() && Character.toLowerCase(text.charAt(first)) == text.charAt(first)) {
            first++;
        }
        if (first == text.length()) {
            return text;
        }
        char[] chars = text.toCharArray();
        for (int i = first; i < chars.length; i++) {
            chars[i] = Character.toLowerCase(chars[i]);
        }
        return new String(chars);
    }

    /** The longest {@code K} token of {@code lower} (the first of equally long ones), or {@code null} if none. */
    static String longestToken(String lower) {
        int[] longest = {0, 0};
        Tokenizer.forEachKeywordTokenOfLower(lower, (text, start, end) -> {
            if (end - start > longest[1] - longest[0]) {
                longest[0] = start;
                longest[1] = end;
            }
        });
        return longest[1] == 0 ? null : lower.substring(longest[0], longest[1]);
    }

    private static String longest(Iterable<String> strings) {
        String longest = null;
        for (String s : strings) {
            if (longest == null || s.length() > longest.length()) {
                longest = s;
            }
        }
        return longest;
    }

    private static void addOccurrences(String lower, DeadValue value, List<Match> matches) {
        String needle = value.lower();
        for (int start = WordBoundaries.indexOf(lower, needle, 0, Tokenizer::isKeywordSeparator); start >= 0;
                start = WordBoundaries.indexOf(lower, needle, start + 1, Tokenizer::isKeywordSeparator)) {
            matches.add(new Match(start, start + needle.length(), value));
        }
    }

    private static int shared(Set<String> a, Set<String> b) {
        int count = 0;
        for (String s : a) {
            if (b.contains(s)) {
                count++;
            }
        }
        return count;
    }
}
