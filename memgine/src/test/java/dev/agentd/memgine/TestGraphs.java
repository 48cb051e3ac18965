package dev.agentd.memgine;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;

/** Opening graphs for tests: a manual clock and folds run inline unless a test asks otherwise. */
public final class TestGraphs {
    public static final Executor INLINE = Runnable::run;

    private TestGraphs() {}

    public static GraphOptions options(ManualClock clock) {
        return GraphOptions.defaults("test").withClock(clock).withFoldExecutor(INLINE);
    }

    public static MemoryGraph open(Path dir, ManualClock clock) {
        return MemoryGraph.open(dir, options(clock));
    }

    public static FactInput fact(String subject, String body) {
        return FactInput.of(subject, body);
    }

    public static FactInput.Builder factBuilder(String subject, String body) {
        return FactInput.builder(FactInput.Source.WEBSOCKET, subject, body);
    }

    /**
     * A graph with every context layer: identity, constraints, facts (one superseded with a
     * dependent repaired inline, one superseded by a constraint with a dependent left Outdated),
     * turns and environment.
     */
    public static void writeEveryLayer(MemoryGraph graph) {
        graph.setIdentity("User: Matt\nRole: Director");
        graph.addFact(factBuilder("policy", "no friday deploys").kind("constraint").build());
        graph.addFact(fact("deploy target", "prod-eu-1"));
        graph.addFact(factBuilder("release plan", "ship after deploy target check").dependsOn(List.of("ws-deploy-target"))
                .build());
        graph.addTurn("user", "what is the deploy target for the release?", null);
        graph.addFact(factBuilder("deploy target", "prod-us-2").supersedes("ws-deploy-target").build());
        graph.addFact(fact("unrelated", "lunch at noon"));
        graph.addTurn("assistant", "prod-us-2 since today", null);
        graph.setEnvironment("branch", "main", null);
        graph.setEnvironment("cwd", "/srv/app", null);
        // superseded by a constraint, which never renders in Facts: its dependent is listed as Outdated
        graph.addFact(fact("limits", "max 3 replicas"));
        graph.addFact(factBuilder("scaling", "scale to 3 replicas").dependsOn(List.of("ws-limits")).build());
        graph.addFact(factBuilder("limits", "max 5 replicas").kind("constraint").supersedes("ws-limits").build());
    }

    /** The ids of a query's results, in order. */
    public static List<String> ids(List<QueryHit> hits) {
        return hits.stream().map(QueryHit::id).toList();
    }
}
