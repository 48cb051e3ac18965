package dev.agentd.memgine.context;

import java.util.Set;

/**
 * One value the graph holds as no longer true (see {@link DeadText}).
 *
 * @param lower the value, lowercased character by character (same length as the original)
 * @param key the longest {@code K} token of {@code lower}; an occurrence on word boundaries holds it
 *     as a whole token of the text
 * @param replacement what replaced it, lowercased the same way, or {@code null} if nothing visible did
 * @param stems the stems of its {@code K} tokens
 * @param changedStems its stems that the replacement lacks: what a paraphrase must repeat to state it
 */
record DeadValue(String lower, String key, String replacement, Set<String> stems, Set<String> changedStems) {}
