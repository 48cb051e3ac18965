package dev.agentd.memgine.retrieval;

import dev.agentd.memgine.graph.GraphState;
import dev.agentd.memgine.graph.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * The index-backed retrieval of memory §5: seeds from the inverted index, then sparse PPR. The
 * caller holds the graph's read lock and has swept expired nodes.
 */
public final class Retriever {
    private Retriever() {}

    /** Seeds and hits for {@code query}. */
    public static Retrieval retrieve(GraphState graph, String query) {
        return retrieve(graph, query, () -> {});
    }

    /** {@link #retrieve(GraphState, String)} that runs {@code onSeedsSelected} between the two steps. */
    public static Retrieval retrieve(GraphState graph, String query, Runnable onSeedsSelected) {
        Scratch scratch = Scratch.acquire(graph.end());
        Seeds seeds = SeedSelector.select(graph, query, scratch);
        onSeedsSelected.run();
        Hits hits = PersonalizedPageRank.walk(graph, seeds, scratch);
        scratch.release();
        return new Retrieval(toSeeds(graph, seeds), hits);
    }

    private static List<Seed> toSeeds(GraphState graph, Seeds seeds) {
        List<Seed> result = new ArrayList<>(seeds.indexes().length);
        for (int i = 0; i < seeds.indexes().length; i++) {
            Node node = graph.node(seeds.indexes()[i]);
            result.add(new Seed(node.id(), node.seq(), seeds.scores()[i]));
        }
        return result;
    }

    /** The seeds (best first) and PPR hits of one query. */
    public record Retrieval(List<Seed> seeds, Hits hits) {
        public List<Activation> activations(GraphState graph) {
            List<Activation> result = new ArrayList<>(hits.size());
            for (int i = 0; i < hits.size(); i++) {
                Node node = graph.node(hits.indexes()[i]);
                result.add(new Activation(node.id(), node.seq(), hits.activations()[i]));
            }
            return result;
        }
    }
}
