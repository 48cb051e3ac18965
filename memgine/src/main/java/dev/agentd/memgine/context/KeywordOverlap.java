package dev.agentd.memgine.context;

import dev.agentd.memgine.graph.GraphState;
import dev.agentd.memgine.graph.IntList;
import dev.agentd.memgine.graph.SeedIndex;
import dev.agentd.memgine.text.Stemmer;
import dev.agentd.memgine.text.Synonyms;
import dev.agentd.memgine.text.Tokenizer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code kw(f)} of memory §6.3 step 3, from the index: query token {@code t} hits a fact if it is
 * a substring of the fact's text, or {@code stem(t)} is a stem of the fact's {@code K} tokens, or
 * a synonym of {@code t} is one of those tokens or stems. A {@code K} token holds no {@code T}
 * separator, so "substring of the text" is "substring of one of its {@code T} tokens", and the
 * {@code K} tokens and stems of a fact are those of its {@code T} tokens.
 */
final class KeywordOverlap {
    private KeywordOverlap() {}

    /** Non-zero {@code kw} scores of valid non-constraint facts, by node index (a fresh, mutable map). */
    static Map<Integer, Double> scores(GraphState state, String query) {
        List<String> tokens = Tokenizer.keywordTokens(query);
        Map<Integer, Double> scores = new HashMap<>();
        if (tokens.isEmpty()) {
            return scores;
        }
        SeedIndex index = state.index();
        Map<Integer, Integer> hits = new HashMap<>();
        int[] lastToken = new int[state.end()];
        for (int t = 0; t < tokens.size(); t++) {
            int stamp = t + 1;
            String token = tokens.get(t);
            IntList vocabulary = new IntList();
            for (int id : index.vocabularyContaining(token)) {
                vocabulary.add(id);
            }
            addAll(vocabulary, index.vocabularyWithKeywordStem(Stemmer.stem(token)));
            for (String synonym : Synonyms.of(token)) {
                addAll(vocabulary, index.vocabularyWithKeywordPiece(synonym));
                addAll(vocabulary, index.vocabularyWithKeywordStem(Stemmer.stem(synonym)));
            }
            for (int i = 0; i < vocabulary.size(); i++) {
                IntList postings = index.postingsOfVocabulary(vocabulary.get(i));
                for (int p = 0; p < postings.size(); p++) {
                    int node = postings.get(p);
                    if (lastToken[node] != stamp && isCandidate(state, node)) {
                        lastToken[node] = stamp;
                        hits.merge(node, 1, Integer::sum);
                    }
                }
            }
        }
        hits.forEach((node, count) -> scores.put(node, (double) count / tokens.size()));
        return scores;
    }

    static boolean isCandidate(GraphState state, int ix) {
        return state.isValidFact(ix) && !state.fact(ix).isConstraint();
    }

    private static void addAll(IntList target, IntList source) {
        if (source != null) {
            for (int i = 0; i < source.size(); i++) {
                target.add(source.get(i));
            }
        }
    }
}
