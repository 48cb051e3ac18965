package dev.agentd.memgine.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.agentd.memgine.FactInput;
import dev.agentd.memgine.ManualClock;
import dev.agentd.memgine.MemoryGraph;
import dev.agentd.memgine.QueryHit;
import dev.agentd.memgine.RetrievalTrace;
import dev.agentd.memgine.TestGraphs;
import dev.agentd.memgine.graph.GraphState;
import dev.agentd.memgine.graph.GraphView;
import dev.agentd.memgine.graph.Mutation;
import dev.agentd.memgine.graph.Turn;
import dev.agentd.memgine.text.Slug;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Check 8: the index implementation equals the brute-force reference on 200 random graphs × 50
 * queries — same seeds, same hits, same ids in the same order, {@code |Δ| ≤ 1e-12} — including
 * after deletes, supersessions and expiry.
 *
 * <p>The 200 graphs are driven through the in-memory graph, where the index and the walk live
 * (no journal: that is what makes 10,000 comparisons cheap); a second test drives durable graphs
 * end to end through {@link MemoryGraph}, also reopened from the snapshot and from the journal.
 */
class ReferenceEquivalenceTest {
    private static final double TOLERANCE = 1e-12;
    private static final long START = 1_750_000_000_000L;

    @TempDir
    Path tmp;

    @Test
    void indexEqualsBruteForceOn200RandomGraphs() {
        for (int g = 0; g < 200; g++) {
            SplittableRandom random = new SplittableRandom(20251121L + g);
            StateWrites graph = new StateWrites(new ManualClock(START));
            RandomGraphs.populate(graph, graph.clock::millis, random);
            graph.clock.advance(random.nextInt(4000));
            long now = graph.clock.millis();
            graph.state.sweep(now);
            GraphView view = GraphView.of(graph.state);
            for (int q = 0; q < 50; q++) {
                String query = RandomGraphs.query(random);
                Retriever.Retrieval retrieval = Retriever.retrieve(graph.state, query);
                assertSameRetrieval(new RetrievalTrace(retrieval.seeds(), retrieval.activations(graph.state)), view,
                        query, now, "graph " + g + ", query '" + query + "'");
            }
        }
    }

    @Test
    void durableGraphsEqualBruteForceAlsoAfterReopening() {
        for (int g = 0; g < 24; g++) {
            SplittableRandom random = new SplittableRandom(7_000L + g);
            ManualClock clock = new ManualClock(START);
            Path dir = tmp.resolve("graph-" + g);
            MemoryGraph live = TestGraphs.open(dir, clock);
            RandomGraphs.populate(new GraphWrites(live, clock), clock::millis, random);
            clock.advance(random.nextInt(4000));
            MemoryGraph checked = live;
            if (g % 3 == 1) {
                live.close();
                checked = TestGraphs.open(dir, clock);
            } else if (g % 3 == 2) {
                checked = TestGraphs.open(dir, clock);
            }
            GraphView view = checked.view();
            for (int q = 0; q < 50; q++) {
                String query = RandomGraphs.query(random);
                String description = "durable graph " + g + ", query '" + query + "'";
                RetrievalTrace trace = checked.explain(query);
                List<Activation> expectedHits = assertSameRetrieval(trace, view, query, clock.millis(), description);
                assertSameQuery(checked.query(query, 100),
                        ReferenceRetrieval.query(view, expectedHits, 100, clock.millis()), description);
                if (g % 3 == 2) {
                    assertThat(trace).as("journal replay reproduces the live graph bit for bit")
                            .isEqualTo(live.explain(query));
                }
            }
            if (checked != live) {
                checked.close();
            }
            live.close();
        }
    }

    /** Returns the reference hits after asserting that the trace equals them. */
    private static List<Activation> assertSameRetrieval(RetrievalTrace trace, GraphView view, String query, long now,
            String description) {
        List<Seed> seeds = ReferenceRetrieval.seeds(view, query, now);
        List<Activation> hits = ReferenceRetrieval.activations(view, seeds, now);
        assertThat(trace.seeds()).as(description).extracting(Seed::id)
                .containsExactlyElementsOf(seeds.stream().map(Seed::id).toList());
        for (int i = 0; i < seeds.size(); i++) {
            assertThat(trace.seeds().get(i).score()).as(description).isCloseTo(seeds.get(i).score(), within(TOLERANCE));
        }
        assertThat(trace.hits()).as(description).extracting(Activation::id)
                .containsExactlyElementsOf(hits.stream().map(Activation::id).toList());
        for (int i = 0; i < hits.size(); i++) {
            assertThat(trace.hits().get(i).activation()).as(description)
                    .isCloseTo(hits.get(i).activation(), within(TOLERANCE));
        }
        return hits;
    }

    private static void assertSameQuery(List<QueryHit> actual, List<QueryHit> expected, String description) {
        assertThat(actual).as(description).extracting(QueryHit::id)
                .containsExactlyElementsOf(expected.stream().map(QueryHit::id).toList());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).confidence()).as(description)
                    .isCloseTo(expected.get(i).confidence(), within(TOLERANCE));
        }
    }

    /** Random writes on a durable graph. */
    private record GraphWrites(MemoryGraph graph, ManualClock clock) implements RandomGraphs.Writes {
        @Override
        public String addFact(FactInput fact) {
            return graph.addFact(fact).id();
        }

        @Override
        public void addTurn(String speaker, String text) {
            graph.addTurn(speaker, text, null);
        }

        @Override
        public void setEnvironment(String key, String value, Long ttlMs) {
            graph.setEnvironment(key, value, ttlMs);
        }

        @Override
        public void setIdentity(String body) {
            graph.setIdentity(body);
        }

        @Override
        public void delete(String id) {
            graph.delete(id);
        }

        @Override
        public void advanceClock(long millis) {
            clock.advance(millis);
        }
    }

    /** Random writes applied to an in-memory graph as resolved mutations, the way the journal replays them. */
    private static final class StateWrites implements RandomGraphs.Writes {
        final GraphState state = new GraphState();
        final ManualClock clock;

        StateWrites(ManualClock clock) {
            this.clock = clock;
        }

        @Override
        public String addFact(FactInput fact) {
            String requested = fact.source().idPrefix() + Slug.of(fact.subject());
            String id = state.peekMint(requested);
            state.apply(new Mutation.AddFact(clock.millis(), requested, id, fact.subject(), fact.body(), fact.kind(),
                    fact.isConstraint(), 1.0, null, fact.tags(), null, fact.expiresAt(), fact.dependsOn(),
                    fact.supersedes()));
            return id;
        }

        @Override
        public void addTurn(String speaker, String text) {
            state.apply(new Mutation.AddTurn(clock.millis(), Turn.ID_PREFIX + state.nextTurn(), speaker, text,
                    clock.millis()));
        }

        @Override
        public void setEnvironment(String key, String value, Long ttlMs) {
            state.apply(new Mutation.SetEnvironment(clock.millis(), key, value,
                    ttlMs == null ? null : clock.millis() + ttlMs));
        }

        @Override
        public void setIdentity(String body) {
            state.apply(new Mutation.SetIdentity(clock.millis(), body));
        }

        @Override
        public void delete(String id) {
            state.apply(new Mutation.DeleteFact(clock.millis(), id));
        }

        @Override
        public void advanceClock(long millis) {
            clock.advance(millis);
        }
    }
}
