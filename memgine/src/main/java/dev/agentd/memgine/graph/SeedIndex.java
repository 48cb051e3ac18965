package dev.agentd.memgine.graph;

import dev.agentd.memgine.text.Stemmer;
import dev.agentd.memgine.text.StringTable;
import dev.agentd.memgine.text.Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The incremental inverted index over the seed corpus (memory §5.1, §5.5): every visible node
 * except superseded facts.
 *
 * <p>Postings are kept only per {@code T} token (vocabulary id → ascending node indexes), and
 * {@code df(t)} is the posting size. Stems, keyword pieces ({@code K}) and their stems map to
 * vocabulary ids instead of nodes: a node has a stem (or a keyword piece) exactly when it has a
 * token with that stem (piece), so their node sets are unions of token postings. That keeps a
 * write to one posting update per token. The vocabulary is append-only; a token whose last node
 * left keeps an empty posting.
 *
 * <p>A bulk loader can {@link #defer} the work: adds and removes are then only recorded, and
 * {@link #catchUp} applies them in order later — on another thread, while the loader writes the
 * snapshot — ending in exactly the index the calls would have built one by one (the same
 * vocabulary numbering included, so removed documents are still tokenized).
 */
public final class SeedIndex {
    private final StringTable vocabulary = new StringTable(1024);
    private final List<IntList> postings = new ArrayList<>();
    private final Map<String, IntList> vocabularyByStem = new HashMap<>();
    private final Map<String, IntList> vocabularyByKeywordPiece = new HashMap<>();
    private final Map<String, IntList> vocabularyByKeywordStem = new HashMap<>();
    private final SubstringCache substrings = new SubstringCache();
    private int[][] tokensOfNode = new int[64][];
    private int corpusSize;
    /** Writer scratch for {@link #add}: the token ids of the document being added, distinct by {@link #lastAddOf}. */
    private final IntList documentIds = new IntList(32);
    private long[] lastAddOf = new long[64];
    private long adds;
    /** The recorded adds and removes while deferring, otherwise null. */
    private DeferredDocuments deferred;

    /** From now until {@link #catchUp}, adds and removes are only recorded, and nothing may read the index. */
    void defer() {
        if (deferred == null) {
            deferred = new DeferredDocuments();
        }
    }

    boolean isDeferring() {
        return deferred != null;
    }

    /** Applies what was recorded since {@link #defer}, in order. */
    void catchUp() {
        DeferredDocuments recorded = deferred;
        if (recorded == null) {
            return;
        }
        deferred = null;
        recorded.forEach((ix, document, kept) -> {
            if (kept) {
                add(ix, document);
            } else {
                distinctTokenIds(document);
            }
        });
    }

    void add(int ix, String document) {
        if (deferred != null) {
            deferred.add(ix, document);
            return;
        }
        if (ix >= tokensOfNode.length) {
            tokensOfNode = Arrays.copyOf(tokensOfNode, Math.max(ix + 1, tokensOfNode.length * 2));
        }
        if (tokensOfNode[ix] != null) {
            throw new IllegalStateException("node " + ix + " is already indexed");
        }
        int[] ids = distinctTokenIds(document);
        for (int id : ids) {
            postings.get(id).insertSorted(ix);
        }
        tokensOfNode[ix] = ids;
        corpusSize++;
    }

    /** The vocabulary ids of the document's distinct tokens in first-occurrence order; new tokens join the vocabulary. */
    private int[] distinctTokenIds(String document) {
        long stamp = ++adds;
        IntList distinct = documentIds;
        distinct.clear();
        Tokenizer.forEachSeedToken(document, (lower, start, end) -> {
            int id = vocabularyId(lower, start, end);
            if (lastAddOf[id] != stamp) {
                lastAddOf[id] = stamp;
                distinct.add(id);
            }
        });
        return distinct.toArray();
    }

    void remove(int ix) {
        if (deferred != null) {
            deferred.remove(ix);
            return;
        }
        int[] ids = ix < tokensOfNode.length ? tokensOfNode[ix] : null;
        if (ids == null) {
            return;
        }
        for (int id : ids) {
            postings.get(id).removeSorted(ix);
        }
        tokensOfNode[ix] = null;
        corpusSize--;
    }

    public boolean contains(int ix) {
        return ix < tokensOfNode.length && tokensOfNode[ix] != null;
    }

    public int corpusSize() {
        return corpusSize;
    }

    /** {@code df(t)}: corpus nodes whose token set contains {@code token}. */
    public int documentFrequency(String token) {
        int id = vocabulary.find(token);
        return id < 0 ? 0 : postings.get(id).size();
    }

    /** Ascending node indexes of the corpus nodes holding exactly {@code token}, or {@code null}. */
    public IntList postingsOfToken(String token) {
        int id = vocabulary.find(token);
        return id < 0 ? null : postings.get(id);
    }

    public IntList postingsOfVocabulary(int vocabularyId) {
        return postings.get(vocabularyId);
    }

    /** Vocabulary ids of the tokens {@code x} with {@code stem(x) == stem}. */
    public IntList vocabularyWithStem(String stem) {
        return vocabularyByStem.get(stem);
    }

    /** Vocabulary ids of the tokens whose {@code K} pieces include {@code piece}. */
    public IntList vocabularyWithKeywordPiece(String piece) {
        return vocabularyByKeywordPiece.get(piece);
    }

    /** Vocabulary ids of the tokens with a {@code K} piece whose stem is {@code stem}. */
    public IntList vocabularyWithKeywordStem(String stem) {
        return vocabularyByKeywordStem.get(stem);
    }

    /** Vocabulary ids of the tokens containing {@code fragment}; safe for concurrent readers. */
    public int[] vocabularyContaining(String fragment) {
        return substrings.vocabularyContaining(fragment, vocabulary);
    }

    private int vocabularyId(String lower, int start, int end) {
        int id = vocabulary.add(lower, start, end);
        if (id < postings.size()) {
            return id;
        }
        if (id == lastAddOf.length) {
            lastAddOf = Arrays.copyOf(lastAddOf, id * 2);
        }
        postings.add(new IntList(2));
        String token = vocabulary.get(id);
        vocabularyByStem.computeIfAbsent(Stemmer.stem(token), s -> new IntList(1)).add(id);
        Set<String> pieceStems = new LinkedHashSet<>();
        for (String piece : Tokenizer.keywordTokens(token)) {
            vocabularyByKeywordPiece.computeIfAbsent(piece, p -> new IntList(1)).add(id);
            pieceStems.add(Stemmer.stem(piece));
        }
        for (String stem : pieceStems) {
            vocabularyByKeywordStem.computeIfAbsent(stem, s -> new IntList(1)).add(id);
        }
        return id;
    }
}
