package dev.agentd.memgine;

import dev.agentd.memgine.retrieval.Activation;
import dev.agentd.memgine.retrieval.Seed;
import java.util.List;

/** The seeds (best first) and every PPR hit of one query, for tests, tuning and the bench. */
public record RetrievalTrace(List<Seed> seeds, List<Activation> hits) {
    public RetrievalTrace {
        seeds = List.copyOf(seeds);
        hits = List.copyOf(hits);
    }
}
