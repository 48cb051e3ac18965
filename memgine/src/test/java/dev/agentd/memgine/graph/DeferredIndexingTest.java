package dev.agentd.memgine.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentd.memgine.text.Stemmer;
import dev.agentd.memgine.text.Tokenizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A deferred seed index, caught up, is the index the same adds and removes build one by one. */
class DeferredIndexingTest {
    private static final String[] WORDS = {
        "alpha", "Beta", "gamma-ray", "delta_v", "épée", "x/y", "now?", "deploy", "deploys", "deployed", "key:value"};

    @Test
    void catchingUpGivesTheSameVocabularyNumbersPostingsAndCorpus() {
        SplittableRandom random = new SplittableRandom(11);
        SeedIndex direct = new SeedIndex();
        SeedIndex deferred = new SeedIndex();
        deferred.defer();
        Set<String> documents = new LinkedHashSet<>();
        List<Integer> indexed = new ArrayList<>();
        int next = 0;
        for (int step = 0; step < 3000; step++) {
            if (!indexed.isEmpty() && random.nextInt(4) == 0) {
                int ix = indexed.remove(random.nextInt(indexed.size()));
                direct.remove(ix);
                deferred.remove(ix);
                if (random.nextBoolean()) {
                    // a rewritten turn: removed, then added again under the same index
                    String text = document(random);
                    direct.add(ix, text);
                    deferred.add(ix, text);
                    indexed.add(ix);
                    documents.add(text);
                }
            } else {
                String text = document(random);
                int ix = next++;
                direct.add(ix, text);
                deferred.add(ix, text);
                indexed.add(ix);
                documents.add(text);
            }
        }
        direct.remove(next + 5);
        deferred.remove(next + 5);
        deferred.catchUp();

        assertThat(deferred.isDeferring()).isFalse();
        assertThat(deferred.corpusSize()).isEqualTo(direct.corpusSize()).isEqualTo(indexed.size());
        assertThat(deferred.vocabularyContaining("")).containsExactly(direct.vocabularyContaining(""));
        for (int ix = 0; ix < next; ix++) {
            assertThat(deferred.contains(ix)).isEqualTo(direct.contains(ix)).isEqualTo(indexed.contains(ix));
        }
        for (String text : documents) {
            for (String token : Tokenizer.seedTokens(text)) {
                assertThat(ids(deferred.postingsOfToken(token))).isEqualTo(ids(direct.postingsOfToken(token)));
                assertThat(ids(deferred.vocabularyWithStem(Stemmer.stem(token))))
                        .isEqualTo(ids(direct.vocabularyWithStem(Stemmer.stem(token))));
            }
        }
    }

    @Test
    void addingAnIndexedNodeTwiceFailsWhileDeferringToo() {
        SeedIndex index = new SeedIndex();
        index.defer();
        index.add(3, "alpha");
        assertThatThrownBy(() -> index.add(3, "beta")).isInstanceOf(IllegalStateException.class)
                .hasMessage("node 3 is already indexed");
    }

    @Test
    void aGraphCannotBeQueriedUntilItsDeferredIndexIsComplete() {
        GraphState state = new GraphState();
        state.deferIndexing();
        state.createNode(new Identity(1, "an agent that deploys"));
        assertThatThrownBy(state::index).isInstanceOf(IllegalStateException.class)
                .hasMessage("the seed index is still being built");
        state.completeIndexing();
        assertThat(state.index().documentFrequency("deploys")).isEqualTo(1);
    }

    private static String document(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(1, 7); i > 0; i--) {
            text.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(3) == 0 ? random.nextInt(40) : "")
                    .append(' ');
        }
        return text.toString();
    }

    private static List<Integer> ids(IntList list) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; list != null && i < list.size(); i++) {
            ids.add(list.get(i));
        }
        return ids;
    }
}
