package dev.agentd.bench.statebench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.function.Function;

/**
 * The two headline metrics of memory §11.2 over a set of queries, for the engine or an oracle:
 * context recall over the retrievable queries, and the resurrection rate over the queries that
 * have a must-not-mention list. Percentages are rounded to two decimals.
 */
public record Figures(
        @JsonProperty("retrievable_queries") int retrievableQueries,
        int recalled,
        @JsonProperty("context_recall_pct") double contextRecallPct,
        @JsonProperty("queries_with_must_not_mention") int queriesWithMustNotMention,
        int resurrected,
        @JsonProperty("resurrection_rate_pct") double resurrectionRatePct) {

    /** The engine's figures. */
    public static Figures ofEngine(List<QueryScore> scores) {
        return of(scores, score -> new QueryScore.OracleOutcome(score.recalled(), score.resurrected()));
    }

    /** An oracle's figures, the oracle picked from each score. */
    public static Figures of(List<QueryScore> scores, Function<QueryScore, QueryScore.OracleOutcome> outcome) {
        int retrievable = 0;
        int recalled = 0;
        int withForbidden = 0;
        int resurrected = 0;
        for (QueryScore score : scores) {
            QueryScore.OracleOutcome result = outcome.apply(score);
            if (score.retrievable()) {
                retrievable++;
                recalled += result.recalled() ? 1 : 0;
            }
            if (score.hasForbidden()) {
                withForbidden++;
                resurrected += result.resurrected() ? 1 : 0;
            }
        }
        return new Figures(retrievable, recalled, percent(recalled, retrievable), withForbidden, resurrected,
                percent(resurrected, withForbidden));
    }

    static double percent(long part, long whole) {
        return whole == 0 ? 0.0 : Math.round(10000.0 * part / whole) / 100.0;
    }
}
