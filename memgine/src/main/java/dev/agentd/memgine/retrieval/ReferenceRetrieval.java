package dev.agentd.memgine.retrieval;

import static dev.agentd.memgine.retrieval.RetrievalParameters.DAMPING;
import static dev.agentd.memgine.retrieval.RetrievalParameters.EXACT_WEIGHT;
import static dev.agentd.memgine.retrieval.RetrievalParameters.MAX_ITERATIONS;
import static dev.agentd.memgine.retrieval.RetrievalParameters.MIN_MASS;
import static dev.agentd.memgine.retrieval.RetrievalParameters.SEED_COUNT;
import static dev.agentd.memgine.retrieval.RetrievalParameters.STEM_WEIGHT;
import static dev.agentd.memgine.retrieval.RetrievalParameters.SUBSTRING_WEIGHT;
import static dev.agentd.memgine.retrieval.RetrievalParameters.SYNONYM_WEIGHT;
import static dev.agentd.memgine.retrieval.RetrievalParameters.TOLERANCE;

import dev.agentd.memgine.QueryHit;
import dev.agentd.memgine.graph.GraphView;
import dev.agentd.memgine.graph.GraphView.ViewEdge;
import dev.agentd.memgine.graph.GraphView.ViewNode;
import dev.agentd.memgine.graph.NodeType;
import dev.agentd.memgine.text.Stemmer;
import dev.agentd.memgine.text.Synonyms;
import dev.agentd.memgine.text.Tokenizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The brute-force reference of memory §5.1–§5.4, written straight from the formulas with no
 * index: every call re-tokenizes every node and scans every edge. Tests hold the index
 * implementation to it (same ids, same order, {@code |Δ| ≤ 1e-12}); the bench measures it as the
 * ratio baseline. Never used on a serving path.
 */
public final class ReferenceRetrieval {
    private ReferenceRetrieval() {}

    /** {@code memory.query} (§5.4) at clock {@code now}. */
    public static List<QueryHit> query(GraphView graph, String query, int k, long now) {
        return query(graph, activations(graph, query, now), k, now);
    }

    /** {@code memory.query} from already computed hits. */
    public static List<QueryHit> query(GraphView graph, List<Activation> activations, int k, long now) {
        List<ViewNode> visible = visibleNodes(graph, now);
        Map<String, ViewNode> byId = new HashMap<>();
        visible.forEach(node -> byId.put(node.id(), node));
        List<QueryHit> hits = new ArrayList<>();
        for (Activation activation : activations) {
            ViewNode node = byId.get(activation.id());
            if (hits.size() < k && node.type() == NodeType.FACT && !node.superseded()) {
                hits.add(new QueryHit(node.id(), node.subject(), node.body(), node.kind(), activation.activation()));
            }
        }
        return hits;
    }

    /** Seeds (§5.2), best first. */
    public static List<Seed> seeds(GraphView graph, String query, long now) {
        List<String> queryTokens = Tokenizer.seedTokens(query);
        if (queryTokens.isEmpty()) {
            return List.of();
        }
        List<ViewNode> corpus = new ArrayList<>();
        for (ViewNode node : visibleNodes(graph, now)) {
            if (!(node.type() == NodeType.FACT && node.superseded())) {
                corpus.add(node);
            }
        }
        List<Document> documents = corpus.stream().map(Document::of).toList();
        int n = Math.max(1, corpus.size());
        double[] idf = new double[queryTokens.size()];
        double denominator = 0.0;
        for (int i = 0; i < idf.length; i++) {
            int df = 0;
            for (Document document : documents) {
                if (document.tokens.contains(queryTokens.get(i))) {
                    df++;
                }
            }
            idf[i] = RetrievalParameters.idf(n, df);
            denominator += EXACT_WEIGHT * idf[i];
        }
        List<Seed> candidates = new ArrayList<>();
        for (int d = 0; d < corpus.size(); d++) {
            ViewNode node = corpus.get(d);
            double numerator = 0.0;
            for (int i = 0; i < idf.length; i++) {
                numerator += idf[i] * weight(queryTokens.get(i), documents.get(d));
            }
            double score = numerator / denominator;
            if (score > 0) {
                candidates.add(new Seed(node.id(), node.seq(), score));
            }
        }
        candidates.sort(Comparator.comparingDouble(Seed::score).reversed().thenComparingLong(Seed::seq));
        return candidates.subList(0, Math.min(SEED_COUNT, candidates.size()));
    }

    /** PPR hits (§5.3): activation descending, lower seq first. */
    public static List<Activation> activations(GraphView graph, String query, long now) {
        return activations(graph, seeds(graph, query, now), now);
    }

    /** PPR hits (§5.3) from already selected seeds. */
    public static List<Activation> activations(GraphView graph, List<Seed> seeds, long now) {
        if (seeds.isEmpty()) {
            return List.of();
        }
        List<ViewNode> walkSet = visibleNodes(graph, now);
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < walkSet.size(); i++) {
            position.put(walkSet.get(i).id(), i);
        }
        int size = walkSet.size();
        double[] reset = new double[size];
        double[] weights = new double[seeds.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = seeds.get(i).score();
        }
        double[] resetValues = RetrievalParameters.resetVector(weights);
        for (int i = 0; i < weights.length; i++) {
            reset[position.get(seeds.get(i).id())] = resetValues[i];
        }
        List<List<Entry>> entries = new ArrayList<>();
        double[] total = new double[size];
        for (int u = 0; u < size; u++) {
            entries.add(walkEntries(graph, walkSet.get(u).id(), position));
            for (Entry entry : entries.get(u)) {
                total[u] += entry.weight();
            }
        }
        double[] s = reset.clone();
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[] sums = new double[size];
            for (int u = 0; u < size; u++) {
                if (s[u] >= MIN_MASS && total[u] > 0) {
                    for (Entry entry : entries.get(u)) {
                        sums[entry.target()] += DAMPING * s[u] * entry.weight() / total[u];
                    }
                }
            }
            double[] next = new double[size];
            double delta = 0.0;
            for (int v = 0; v < size; v++) {
                next[v] = (1 - DAMPING) * reset[v] + sums[v];
                delta += Math.abs(next[v] - s[v]);
            }
            s = next;
            if (delta < TOLERANCE) {
                break;
            }
        }
        List<Activation> hits = new ArrayList<>();
        for (int v = 0; v < size; v++) {
            if (s[v] >= MIN_MASS) {
                hits.add(new Activation(walkSet.get(v).id(), walkSet.get(v).seq(), s[v]));
            }
        }
        hits.sort(Comparator.comparingDouble(Activation::activation).reversed()
                .thenComparingLong(Activation::seq));
        return hits;
    }

    /** A walk entry {@code (v, c)}: a position in the walk set and the edge's weight. */
    private record Entry(int target, double weight) {}

    /**
     * {@code E(u)}: one entry per edge {@code u→v}, plus one per edge {@code v→u} of a both-ways
     * kind, in edge-creation order; edges to nodes outside the walk set are ignored.
     */
    private static List<Entry> walkEntries(GraphView graph, String id, Map<String, Integer> position) {
        List<Entry> entries = new ArrayList<>();
        for (ViewEdge edge : graph.edges()) {
            Integer other = null;
            if (edge.from().equals(id)) {
                other = position.get(edge.to());
            } else if (edge.to().equals(id) && edge.kind().bothWays()) {
                other = position.get(edge.from());
            }
            if (other != null) {
                entries.add(new Entry(other, edge.kind().walkWeight()));
            }
        }
        return entries;
    }

    private static List<ViewNode> visibleNodes(GraphView graph, long now) {
        List<ViewNode> visible = new ArrayList<>();
        for (ViewNode node : graph.nodes()) {
            if (node.expiresAt() == null || now < node.expiresAt()) {
                visible.add(node);
            }
        }
        return visible;
    }

    /** {@code w(q, n)}: the first tier that applies. */
    private static double weight(String q, Document n) {
        if (n.tokens.contains(q)) {
            return EXACT_WEIGHT;
        }
        if (n.stems.contains(Stemmer.stem(q))) {
            return STEM_WEIGHT;
        }
        for (String s : Synonyms.of(q)) {
            if (n.tokens.contains(s) || n.stems.contains(Stemmer.stem(s)) || n.text.contains(s)) {
                return SYNONYM_WEIGHT;
            }
        }
        return n.text.contains(q) ? SUBSTRING_WEIGHT : 0.0;
    }

    /** {@code D(n)}, {@code T(D(n))} and {@code S(n)} of one node. */
    private record Document(String text, Set<String> tokens, Set<String> stems) {
        static Document of(ViewNode node) {
            String text = (node.subject() + " " + node.body()).toLowerCase(Locale.ROOT);
            Set<String> tokens = new HashSet<>(Tokenizer.seedTokens(text));
            Set<String> stems = new HashSet<>();
            tokens.forEach(token -> stems.add(Stemmer.stem(token)));
            return new Document(text, tokens, stems);
        }
    }
}
