package dev.agentd.bench.statebench;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.agentd.memgine.context.ContextBudget;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The StateBench report of memory §11.2. Everything but {@link #latency} is a function of the
 * data, the engine and the budget, so two runs differ only there.
 */
public record StateBenchReport(
        String benchmark,
        String split,
        String mode,
        @JsonProperty("model_context_window") Integer modelContextWindow,
        @JsonProperty("budget_tokens") int budgetTokens,
        int timelines,
        int queries,
        @JsonProperty("unresolved_refs") int unresolvedRefs,
        EngineFigures engine,
        Oracles oracles,
        @JsonProperty("resurrections_by_section") Map<String, Integer> resurrectionsBySection,
        List<TrackReport> tracks,
        List<QueryFailure> failures,
        Latency latency) {

    public static final String BENCHMARK = "StateBench v1.0";

    /** This report with no latency block: what two runs of the same engine must agree on. */
    public StateBenchReport withoutLatency() {
        return new StateBenchReport(benchmark, split, mode, modelContextWindow, budgetTokens, timelines, queries,
                unresolvedRefs, engine, oracles, resurrectionsBySection, tracks, failures, null);
    }

    /** The engine's figures plus the finer ones of §11.2. */
    public record EngineFigures(
            @JsonProperty("retrievable_queries") int retrievableQueries,
            int recalled,
            @JsonProperty("context_recall_pct") double contextRecallPct,
            @JsonProperty("queries_with_must_not_mention") int queriesWithMustNotMention,
            int resurrected,
            @JsonProperty("resurrection_rate_pct") double resurrectionRatePct,
            @JsonProperty("must_mention_found") int mustMentionFound,
            @JsonProperty("must_mention_total") int mustMentionTotal,
            @JsonProperty("must_mention_found_pct") double mustMentionFoundPct,
            @JsonProperty("mean_context_tokens") double meanContextTokens) {

        static EngineFigures of(List<QueryScore> scores) {
            Figures figures = Figures.ofEngine(scores);
            int found = scores.stream().mapToInt(QueryScore::mentionsFound).sum();
            int total = scores.stream().mapToInt(QueryScore::mentionsTotal).sum();
            double meanTokens = scores.stream().mapToInt(QueryScore::contextTokens).average().orElse(0);
            return new EngineFigures(figures.retrievableQueries(), figures.recalled(), figures.contextRecallPct(),
                    figures.queriesWithMustNotMention(), figures.resurrected(), figures.resurrectionRatePct(),
                    found, total, Figures.percent(found, total), Math.round(meanTokens * 10) / 10.0);
        }
    }

    /** The oracle points of §11.2, computed from the timelines alone. */
    public record Oracles(
            @JsonProperty("valid_state") Figures validState,
            @JsonProperty("valid_facts_and_turns") Figures validFactsAndTurns,
            Figures everything) {

        static Oracles of(List<QueryScore> scores) {
            return new Oracles(Figures.of(scores, QueryScore::validState),
                    Figures.of(scores, QueryScore::validFactsAndTurns), Figures.of(scores, QueryScore::everything));
        }
    }

    public record TrackReport(String track, int queries, EngineFigures engine, Oracles oracles) {}

    /** A query the engine missed or whose context resurrected a dead string. */
    public record QueryFailure(
            String timeline,
            String track,
            int query,
            String prompt,
            List<String> missing,
            List<QueryScore.Resurrection> resurrected) {}

    /** {@code build_context} wall time per call, nearest-rank percentiles, in milliseconds. */
    public record Latency(
            int samples,
            @JsonProperty("build_context_p50_ms") double p50Ms,
            @JsonProperty("build_context_p99_ms") double p99Ms) {

        static Latency of(long[] nanos) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return new Latency(sorted.length, millis(nearestRank(sorted, 50)), millis(nearestRank(sorted, 99)));
        }

        private static long nearestRank(long[] sorted, int percentile) {
            if (sorted.length == 0) {
                return 0;
            }
            int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
            return sorted[Math.max(rank, 1) - 1];
        }

        private static double millis(long nanos) {
            return Math.round(nanos / 1000.0) / 1000.0;
        }
    }

    public static StateBenchReport of(String split, String mode, Integer modelContextWindow, int timelines,
            int unresolvedRefs, List<QueryScore> scores, long[] buildNanos) {
        Map<String, List<QueryScore>> byTrack = scores.stream()
                .collect(Collectors.groupingBy(QueryScore::track, TreeMap::new, Collectors.toList()));
        List<TrackReport> tracks = new ArrayList<>();
        byTrack.forEach((track, trackScores) -> tracks.add(new TrackReport(track, trackScores.size(),
                EngineFigures.of(trackScores), Oracles.of(trackScores))));
        return new StateBenchReport(BENCHMARK, split, mode, modelContextWindow,
                ContextBudget.forWindow(modelContextWindow).total(), timelines, scores.size(), unresolvedRefs,
                EngineFigures.of(scores), Oracles.of(scores), resurrectionsBySection(scores), tracks,
                failures(scores), Latency.of(buildNanos));
    }

    /** For each section, how many resurrections were found in it (one may count in several). */
    private static Map<String, Integer> resurrectionsBySection(List<QueryScore> scores) {
        Map<String, Integer> counts = new TreeMap<>();
        for (QueryScore score : scores) {
            for (QueryScore.Resurrection resurrection : score.resurrections()) {
                resurrection.sections().forEach(section -> counts.merge(section, 1, Integer::sum));
            }
        }
        return counts;
    }

    private static List<QueryFailure> failures(List<QueryScore> scores) {
        return scores.stream()
                .filter(score -> !score.missing().isEmpty() || score.resurrected())
                .map(score -> new QueryFailure(score.timelineId(), score.track(), score.queryIndex(), score.prompt(),
                        score.missing(), score.resurrections()))
                .toList();
    }
}
