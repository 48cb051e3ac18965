package dev.agentd.bench.statebench;

import dev.agentd.memgine.text.TokenEstimate;
import java.util.ArrayList;
import java.util.List;

/**
 * One query scored as memory §11.2 says, for the engine's context and for the three oracle texts.
 *
 * @param retrievable a non-empty must-mention list whose every string occurs in what the timeline
 *     wrote before the query (a query with nothing to mention has nothing to retrieve)
 * @param recalled retrievable, and every must-mention string occurs in the context
 * @param missing the must-mention strings absent from the context (of a retrievable query)
 * @param mentionsFound must-mention strings found in the context, of {@code mentionsTotal}
 * @param hasForbidden the query has a non-empty must-not-mention list
 * @param resurrections the must-not-mention strings in the context, each with its sections
 * @param contextTokens {@code est(context)}
 */
public record QueryScore(
        String timelineId,
        String track,
        int queryIndex,
        String prompt,
        boolean retrievable,
        boolean recalled,
        List<String> missing,
        int mentionsFound,
        int mentionsTotal,
        boolean hasForbidden,
        List<Resurrection> resurrections,
        int contextTokens,
        OracleOutcome validState,
        OracleOutcome validFactsAndTurns,
        OracleOutcome everything) {

    /** A dead string found in the context, and where. */
    public record Resurrection(String text, List<String> sections) {}

    /** Whether an oracle text would have recalled the query and whether it holds a dead string. */
    public record OracleOutcome(boolean recalled, boolean resurrected) {}

    public static QueryScore score(Timeline timeline, int queryIndex, TimelineEvent.Query query, String context,
            TimelineOracle.Texts oracle) {
        ContextSections sections = ContextSections.of(context);
        List<Mention> mustMention = query.mustMention();
        boolean retrievable = !mustMention.isEmpty() && allIn(mustMention, oracle.written());
        List<String> missing = new ArrayList<>();
        int found = 0;
        for (Mention mention : mustMention) {
            if (mention.isIn(sections.lowerText())) {
                found++;
            } else if (retrievable) {
                missing.add(mention.label());
            }
        }
        List<Resurrection> resurrections = new ArrayList<>();
        for (Mention mention : query.mustNotMention()) {
            List<String> where = sections.sectionsOf(mention);
            if (!where.isEmpty()) {
                resurrections.add(new Resurrection(mention.label(), where));
            }
        }
        return new QueryScore(timeline.id(), timeline.track(), queryIndex, query.prompt(), retrievable,
                retrievable && missing.isEmpty(), missing, found, mustMention.size(),
                !query.mustNotMention().isEmpty(), resurrections, TokenEstimate.of(context),
                oracle(query, retrievable, oracle.validState()),
                oracle(query, retrievable, oracle.validFactsAndTurns()),
                oracle(query, retrievable, oracle.written()));
    }

    public boolean resurrected() {
        return !resurrections.isEmpty();
    }

    private static OracleOutcome oracle(TimelineEvent.Query query, boolean retrievable, String lowerText) {
        return new OracleOutcome(retrievable && allIn(query.mustMention(), lowerText),
                query.mustNotMention().stream().anyMatch(mention -> mention.isIn(lowerText)));
    }

    private static boolean allIn(List<Mention> mentions, String lowerText) {
        return mentions.stream().allMatch(mention -> mention.isIn(lowerText));
    }
}
