package dev.agentd.bench.statebench;

import java.util.ArrayList;
import java.util.List;

/**
 * Replays timelines one after the other, each into its own namespace graph, and scores every
 * query against the oracle texts of its timeline.
 *
 * @param contexts every built context, in timeline and query order
 * @param buildNanos the wall time of each {@code build_context} call, same order
 */
public record StateBenchRun(List<QueryScore> scores, List<QueryContext> contexts, long[] buildNanos,
        int unresolvedRefs) {

    /** The context of one query, as {@code --contexts} writes it. */
    public record QueryContext(String timeline, int query, String context) {}

    /** @param runId the middle part of {@code statebench:<run-id>:<timeline-id>} */
    public static StateBenchRun run(List<Timeline> timelines, ReplayTarget target, String runId,
            Integer modelContextWindow) {
        List<QueryScore> scores = new ArrayList<>();
        List<QueryContext> contexts = new ArrayList<>();
        List<Long> nanos = new ArrayList<>();
        int unresolved = 0;
        for (Timeline timeline : timelines) {
            TimelineReplay.Result result;
            try (TimelineGraph graph = target.open("statebench:" + runId + ":" + timeline.id())) {
                result = TimelineReplay.play(timeline, graph, modelContextWindow);
            }
            List<TimelineOracle.Texts> oracle = TimelineOracle.of(timeline);
            for (int i = 0; i < result.queries().size(); i++) {
                TimelineReplay.ReplayedQuery query = result.queries().get(i);
                scores.add(QueryScore.score(timeline, i, query.query(), query.context(), oracle.get(i)));
                contexts.add(new QueryContext(timeline.id(), i, query.context()));
                nanos.add(query.buildNanos());
            }
            unresolved += result.unresolvedRefs();
        }
        return new StateBenchRun(scores, contexts, nanos.stream().mapToLong(Long::longValue).toArray(), unresolved);
    }
}
