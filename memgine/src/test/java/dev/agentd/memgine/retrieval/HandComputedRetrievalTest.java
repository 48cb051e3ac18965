package dev.agentd.memgine.retrieval;

import static dev.agentd.memgine.TestGraphs.fact;
import static dev.agentd.memgine.TestGraphs.factBuilder;
import static dev.agentd.memgine.TestGraphs.ids;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentd.memgine.ManualClock;
import dev.agentd.memgine.MemoryGraph;
import dev.agentd.memgine.RetrievalTrace;
import dev.agentd.memgine.TestGraphs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Check 7 (retrieval part): seed scores and PPR activations on a 4-node graph equal values
 * computed by hand from §5 — two RelatedTo facts, one superseded fact, one turn — including the
 * 0.4 cap; equal scores keep insertion order.
 */
class HandComputedRetrievalTest {
    @TempDir
    Path dir;

    private MemoryGraph graph;

    @BeforeEach
    void open() {
        graph = TestGraphs.open(dir, ManualClock.at("2025-06-01T09:00:00Z"));
    }

    @AfterEach
    void close() {
        graph.close();
    }

    /**
     * S0 "db host: old-db-1" (superseded by F1), F1 "db host: new-db-2", F2 "db host: replica
     * db-3", T1 "user: which db host?". Edges in creation order: R F1→S0, S F1→S0, R F2→F1.
     */
    private void buildFourNodeGraph() {
        graph.addFact(fact("db host", "old-db-1"));
        graph.addFact(factBuilder("db host", "new-db-2").supersedes("ws-db-host").build());
        graph.addFact(fact("db host", "replica db-3"));
        graph.addTurn("user", "which db host?", null);
    }

    @Test
    void seedScoresAndActivationsMatchTheHandComputation() {
        buildFourNodeGraph();

        // Corpus (superseded S0 excluded): F1 {db,host,new,2}, F2 {db,host,replica,3}, T1 {user,which,db,host?}.
        // Q = [new, host]; N = 3; df(new) = 1, df(host) = 2 ("host?" is another token).
        double idfNew = Math.max(0.1, StrictMath.log(3.0 / 2.0));
        double idfHost = Math.max(0.1, StrictMath.log(3.0 / 3.0));
        assertThat(idfHost).isEqualTo(0.1);
        double denominator = 0.0 + 3 * idfNew + 3 * idfHost;
        // F1: both exact (3); F2: host exact, "new" nowhere; T1: host only as a substring of "host?" (1).
        double scoreF1 = (0.0 + idfNew * 3 + idfHost * 3) / denominator;
        double scoreF2 = (0.0 + idfHost * 3) / denominator;
        double scoreT1 = (0.0 + idfHost * 1) / denominator;
        assertThat(scoreF1).isEqualTo(1.0);

        RetrievalTrace trace = graph.explain("new host");

        assertThat(trace.seeds()).containsExactly(
                new Seed("ws-db-host-2", 2, scoreF1), new Seed("ws-db-host-3", 3, scoreF2),
                new Seed("turn:1", 4, scoreT1));

        // Reset vector: F1 = 1/(1+0.198+0.066) ≈ 0.79 is capped at 0.4, then normalised once more.
        double total = 0.0 + scoreF1 + scoreF2 + scoreT1;
        double[] reset = {scoreF1 / total, scoreF2 / total, scoreT1 / total};
        assertThat(reset[0]).isGreaterThan(0.4);
        reset[0] = 0.4;
        double cappedTotal = 0.0 + reset[0] + reset[1] + reset[2];
        double[] r = {0.0, reset[0] / cappedTotal, reset[1] / cappedTotal, reset[2] / cappedTotal};
        assertThat(r[1]).as("no second capping").isGreaterThan(0.4);

        double[] s = handRunPageRank(r);

        // By hand (converges in 20 iterations): F1 0.524 > F2 0.216 > S0 0.175 > T1 0.043; T1 has
        // no walk entries, so it keeps exactly 0.5·r(T1).
        assertThat(s[1]).isGreaterThan(s[2]);
        assertThat(s[2]).isGreaterThan(s[0]);
        assertThat(s[0]).isGreaterThan(s[3]);
        assertThat(s[3]).isEqualTo(0.5 * r[3]);
        assertThat(trace.hits()).extracting(Activation::id)
                .containsExactly("ws-db-host-2", "ws-db-host-3", "ws-db-host", "turn:1");
        assertThat(trace.hits()).extracting(Activation::activation).containsExactly(s[1], s[2], s[0], s[3]);
        assertThat(ids(graph.query("new host", 5))).as("only valid facts are returned")
                .containsExactly("ws-db-host-2", "ws-db-host-3");
        assertThat(graph.query("new host", 5).get(0).confidence()).isEqualTo(s[1]);
    }

    /**
     * §5.3 on the hand-derived walk entries, nodes in seq order S0, F1, F2, T1:
     * E(S0) = [(F1,.3)], E(F1) = [(S0,.3) R, (S0,.3) S, (F2,.3) R reversed], E(F2) = [(F1,.3)], E(T1) = [].
     */
    private static double[] handRunPageRank(double[] r) {
        int[][] targets = {{1}, {0, 0, 2}, {1}, {}};
        double c = 0.5 * 0.6;
        double[][] weights = {{0.3}, {c, 0.3, c}, {c}, {}};
        double[] w = {0.3, 0.0 + c + 0.3 + c, c, 0.0};
        double[] s = r.clone();
        for (int iteration = 0; iteration < 30; iteration++) {
            double[] sums = new double[4];
            for (int u = 0; u < 4; u++) {
                if (s[u] >= 1e-6 && w[u] > 0) {
                    for (int j = 0; j < targets[u].length; j++) {
                        sums[targets[u][j]] += 0.5 * s[u] * weights[u][j] / w[u];
                    }
                }
            }
            double delta = 0.0;
            double[] next = new double[4];
            for (int v = 0; v < 4; v++) {
                next[v] = 0.5 * r[v] + sums[v];
                delta += Math.abs(next[v] - s[v]);
            }
            s = next;
            if (delta < 1e-6) {
                break;
            }
        }
        return s;
    }

    @Test
    void turnSeedWithoutWalkEntriesKeepsOnlyItsResetShare() {
        graph.addTurn("user", "standalone remark", null);

        RetrievalTrace trace = graph.explain("standalone");

        // One seed: r = 1, capped to 0.4 and normalised back to 1; its mass is lost each step,
        // so s = 0.5 from the first iteration on and the second iteration changes nothing.
        assertThat(trace.seeds()).extracting(Seed::score).containsExactly(1.0);
        assertThat(trace.hits()).containsExactly(new Activation("turn:1", 1, 0.5));
        assertThat(graph.query("standalone", 5)).isEmpty();
    }

    @Test
    void equalScoresKeepInsertionOrderInQueryAndFacts() {
        graph.addFact(fact("zeta", "shared words"));
        graph.addFact(fact("alpha", "shared words"));

        assertThat(ids(graph.query("shared", 5))).containsExactly("ws-zeta", "ws-alpha");
        assertThat(graph.query("shared", 5).get(0).confidence())
                .isEqualTo(graph.query("shared", 5).get(1).confidence());
        assertThat(graph.buildContext("shared", null, false)).isEqualTo("""
                ## Facts
                - [ws-zeta] [usr] zeta: shared words
                - [ws-alpha] [usr] alpha: shared words""");
    }

    @Test
    void seedTiersFollowTheFirstApplicableWeight() {
        graph.addFact(fact("exact", "deploy"));          // q ∈ T(D): 3
        graph.addFact(fact("stem", "deployment"));      // stem(q) ∈ S: 2
        graph.addFact(fact("synonym", "the database")); // syn(db) member: 1.5 (query "db")
        graph.addFact(fact("substring", "redeploys"));  // q substring of D: 1

        List<Seed> deploySeeds = graph.explain("deploy").seeds();
        double idf = Math.max(0.1, StrictMath.log(4.0 / 2.0));
        assertThat(deploySeeds).extracting(Seed::id).containsExactly("ws-exact", "ws-stem", "ws-substring");
        assertThat(deploySeeds).extracting(Seed::score)
                .containsExactly(idf * 3 / (3 * idf), idf * 2 / (3 * idf), idf * 1 / (3 * idf));

        List<Seed> dbSeeds = graph.explain("db").seeds();
        // df(db) = 0 → idf 1; "database" is a member of db's synonym group.
        assertThat(dbSeeds).containsExactly(new Seed("ws-synonym", 3, 1.5 / 3));
    }
}
