package dev.agentd.memgine.retrieval;

import static dev.agentd.memgine.retrieval.RetrievalParameters.EXACT_WEIGHT;
import static dev.agentd.memgine.retrieval.RetrievalParameters.SEED_COUNT;
import static dev.agentd.memgine.retrieval.RetrievalParameters.STEM_WEIGHT;
import static dev.agentd.memgine.retrieval.RetrievalParameters.SUBSTRING_WEIGHT;
import static dev.agentd.memgine.retrieval.RetrievalParameters.SYNONYM_WEIGHT;

import dev.agentd.memgine.graph.GraphState;
import dev.agentd.memgine.graph.IntList;
import dev.agentd.memgine.graph.SeedIndex;
import dev.agentd.memgine.text.Stemmer;
import dev.agentd.memgine.text.Synonyms;
import dev.agentd.memgine.text.Tokenizer;
import java.util.Arrays;
import java.util.List;

/**
 * Seed selection (memory §5.2) from the inverted index: for each query token, the nodes of each
 * tier come from postings (exact token, tokens with the same stem, tokens containing the query
 * token or a synonym), the best tier per node wins, and {@code idf·w} is added to the node's
 * numerator. Per node the additions happen in query-token order, like the formula; zero terms
 * are skipped, which leaves a double sum unchanged.
 */
final class SeedSelector {
    private SeedSelector() {}

    /** The seeds, best first: {@code [indexes, scores]}; both empty when there are none. */
    static Seeds select(GraphState graph, String query, Scratch scratch) {
        List<String> tokens = Tokenizer.seedTokens(query);
        if (tokens.isEmpty()) {
            return Seeds.NONE;
        }
        SeedIndex index = graph.index();
        double[] idf = new double[tokens.size()];
        double denominator = 0.0;
        for (int i = 0; i < idf.length; i++) {
            idf[i] = RetrievalParameters.idf(index.corpusSize(), index.documentFrequency(tokens.get(i)));
            denominator += EXACT_WEIGHT * idf[i];
        }
        IntList candidates = scratch.touched;
        for (int i = 0; i < idf.length; i++) {
            collectTierWeights(index, tokens.get(i), scratch);
            addToNumerators(idf[i], scratch, candidates);
        }
        return best(candidates, denominator, scratch);
    }

    private static void collectTierWeights(SeedIndex index, String token, Scratch scratch) {
        raiseContaining(index, token, SUBSTRING_WEIGHT, scratch);
        for (String synonym : Synonyms.of(token)) {
            raiseStem(index, Stemmer.stem(synonym), SYNONYM_WEIGHT, scratch);
            raiseContaining(index, synonym, SYNONYM_WEIGHT, scratch);
        }
        raiseStem(index, Stemmer.stem(token), STEM_WEIGHT, scratch);
        raisePostings(index.postingsOfToken(token), EXACT_WEIGHT, scratch);
    }

    private static void raiseContaining(SeedIndex index, String fragment, double weight, Scratch scratch) {
        for (int vocabularyId : index.vocabularyContaining(fragment)) {
            raisePostings(index.postingsOfVocabulary(vocabularyId), weight, scratch);
        }
    }

    private static void raiseStem(SeedIndex index, String stem, double weight, Scratch scratch) {
        IntList vocabulary = index.vocabularyWithStem(stem);
        if (vocabulary == null) {
            return;
        }
        for (int i = 0; i < vocabulary.size(); i++) {
            raisePostings(index.postingsOfVocabulary(vocabulary.get(i)), weight, scratch);
        }
    }

    private static void raisePostings(IntList postings, double weight, Scratch scratch) {
        if (postings == null) {
            return;
        }
        double[] tierWeight = scratch.tierWeight;
        for (int i = 0; i < postings.size(); i++) {
            int node = postings.get(i);
            if (tierWeight[node] == 0.0) {
                scratch.touchedToo.add(node);
                tierWeight[node] = weight;
            } else if (tierWeight[node] < weight) {
                tierWeight[node] = weight;
            }
        }
    }

    private static void addToNumerators(double idf, Scratch scratch, IntList candidates) {
        IntList weighted = scratch.touchedToo;
        for (int i = 0; i < weighted.size(); i++) {
            int node = weighted.get(i);
            if (!scratch.marked[node]) {
                scratch.marked[node] = true;
                candidates.add(node);
            }
            scratch.seedNumerator[node] += idf * scratch.tierWeight[node];
            scratch.tierWeight[node] = 0.0;
        }
        weighted.clear();
    }

    /** The five best candidates (score descending, lower index first); clears the numerators. */
    private static Seeds best(IntList candidates, double denominator, Scratch scratch) {
        int[] bestIndexes = new int[SEED_COUNT];
        double[] bestScores = new double[SEED_COUNT];
        int count = 0;
        for (int i = 0; i < candidates.size(); i++) {
            int node = candidates.get(i);
            double score = scratch.seedNumerator[node] / denominator;
            scratch.seedNumerator[node] = 0.0;
            scratch.marked[node] = false;
            if (score > 0.0) {
                count = insert(bestIndexes, bestScores, count, node, score);
            }
        }
        candidates.clear();
        return new Seeds(Arrays.copyOf(bestIndexes, count), Arrays.copyOf(bestScores, count));
    }

    private static int insert(int[] indexes, double[] scores, int count, int node, double score) {
        int position = count;
        while (position > 0 && ranksBefore(score, node, scores[position - 1], indexes[position - 1])) {
            position--;
        }
        if (position >= SEED_COUNT) {
            return count;
        }
        int last = Math.min(count, SEED_COUNT - 1);
        System.arraycopy(indexes, position, indexes, position + 1, last - position);
        System.arraycopy(scores, position, scores, position + 1, last - position);
        indexes[position] = node;
        scores[position] = score;
        return Math.min(count + 1, SEED_COUNT);
    }

    static boolean ranksBefore(double score, int node, double otherScore, int otherNode) {
        return score > otherScore || (score == otherScore && node < otherNode);
    }
}
