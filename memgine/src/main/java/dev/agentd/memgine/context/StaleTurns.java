package dev.agentd.memgine.context;

import dev.agentd.memgine.graph.Turn;
import dev.agentd.memgine.text.Tokenizer;
import java.util.List;

/**
 * The fourth Conversation pass (docs/memory.md, "Dead text"): a turn that states a dead value is
 * dropped, because a model reading it would repeat the value.
 *
 * <ul>
 *   <li>A turn holding a dead value verbatim is dropped, unless it also states what replaced
 *       that value ("move it from Tuesday to Thursday"): then only the dead value is redacted, and
 *       the turn is dropped if fewer than {@value #MIN_CONTENT} characters of content remain.
 *   <li>A turn that paraphrases a dead value (see {@link DeadText#paraphrases}) is dropped.
 * </ul>
 */
final class StaleTurns {
    static final int MIN_CONTENT = 3;

    private StaleTurns() {}

    /** The line to print for {@code turn}, or {@code null} to drop it; see {@link DeadText#turnLine}. */
    static String line(Turn turn, DeadText dead) {
        String text = turn.text();
        String lower = DeadText.lower(text);
        List<DeadText.Match> matches = dead.find(lower);
        if (!matches.isEmpty()) {
            if (!statesReplacement(lower, matches)) {
                return null;
            }
            text = DeadText.redact(text, matches);
        }
        String content = text.replace(DeadText.MARK, "");
        if (!matches.isEmpty() && contentChars(content) < MIN_CONTENT) {
            return null;
        }
        if (dead.paraphrases(DeadValues.stems(content))) {
            return null;
        }
        return turn.speaker() + ": " + text;
    }

    private static boolean statesReplacement(String lower, List<DeadText.Match> matches) {
        for (DeadText.Match match : matches) {
            String replacement = match.value().replacement();
            if (replacement != null && lower.contains(replacement)) {
                return true;
            }
        }
        return false;
    }

    private static int contentChars(String text) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            if (!Tokenizer.isKeywordSeparator(text.charAt(i))) {
                count++;
            }
        }
        return count;
    }
}
