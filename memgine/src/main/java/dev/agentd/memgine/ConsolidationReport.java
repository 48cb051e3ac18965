package dev.agentd.memgine;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code memory.consolidate} report (memory §7). {@code conversation} is {@code null} when turn
 * compaction did not run; skill promotion is later work, so both candidate lists are empty.
 * {@code factsBefore}/{@code factsAfter} count stored fact nodes (valid, superseded or expired).
 */
public record ConsolidationReport(
        @JsonProperty("pruned_expired") int prunedExpired,
        @JsonProperty("superseded_gc") int supersededGc,
        ConversationReport conversation,
        List<Reflection> reflections,
        @JsonProperty("candidates_promoted") List<String> candidatesPromoted,
        @JsonProperty("candidates_rejected") List<String> candidatesRejected,
        @JsonProperty("facts_before") int factsBefore,
        @JsonProperty("facts_after") int factsAfter) {

    public ConsolidationReport {
        reflections = List.copyOf(reflections);
        candidatesPromoted = List.copyOf(candidatesPromoted);
        candidatesRejected = List.copyOf(candidatesRejected);
    }

    /** Turn compaction counts: {@code compacted} is the number of turns after it. */
    public record ConversationReport(int original, int compacted, int removed, int merged) {}

    /** A reflection found in a recent turn; {@code ts} is RFC 3339. Reported only, never stored. */
    public record Reflection(String type, String speaker, String text, String ts) {}
}
