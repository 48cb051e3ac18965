package dev.agentd.bench.memory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The synthetic corpus {@code synth-v1} of memory §10, generated from one
 * {@code SplittableRandom(20251121)}: a pool of N/10 subjects (two weighted words joined by
 * {@code _}); N facts, each with a uniform subject and a body of 8–24 weighted words, every 10th
 * superseding a random earlier valid fact with its subject (if any), every 50th depending on a
 * random earlier fact; then 1,000 queries of 3–8 weighted words plus 2 words of a random fact's
 * body.
 *
 * <p>Draw order, where §10 leaves it open: the subject pool first; then per fact (n = 1..N) the
 * subject, the body length, the body words, the supersession target (only when n is a multiple
 * of 10 and a candidate exists), the dependency (n a multiple of 50); then per query the word
 * count, the words, the fact and the two body positions. "Uniform" is {@code nextInt(bound)}.
 * {@link #moreFacts} continues the same stream for the facts a write benchmark adds.
 */
public final class SyntheticCorpus {
    public static final long SEED = 20251121L;
    public static final int QUERIES = 1000;

    private final Vocabulary vocabulary;
    private final SplittableRandom random = new SplittableRandom(SEED);
    private final List<String> subjects = new ArrayList<>();
    private final List<SyntheticFact> facts = new ArrayList<>();
    private final Map<String, List<Integer>> validBySubject = new HashMap<>();
    private final List<String> queries = new ArrayList<>();

    private SyntheticCorpus(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    /** {@code synth-v1} with {@code factCount} facts and its 1,000 queries. */
    public static SyntheticCorpus generate(Vocabulary vocabulary, int factCount) {
        if (factCount < 10) {
            throw new IllegalArgumentException("factCount: " + factCount + " (expected: >= 10)");
        }
        SyntheticCorpus corpus = new SyntheticCorpus(vocabulary);
        for (int i = 0; i < factCount / 10; i++) {
            corpus.subjects.add(String.join("_", vocabulary.sample(corpus.random, 2)));
        }
        for (int n = 1; n <= factCount; n++) {
            corpus.facts.add(corpus.nextFact(n));
        }
        for (int i = 0; i < QUERIES; i++) {
            corpus.queries.add(corpus.nextQuery());
        }
        return corpus;
    }

    public static SyntheticCorpus generate(Path trainJsonl, int factCount) {
        return generate(Vocabulary.fromStateBench(trainJsonl), factCount);
    }

    public List<SyntheticFact> facts() {
        return List.copyOf(facts);
    }

    public List<String> queries() {
        return List.copyOf(queries);
    }

    /** The next {@code count} facts of the same stream (ids continue), for write benchmarks. */
    public List<SyntheticFact> moreFacts(int count) {
        List<SyntheticFact> more = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            SyntheticFact fact = nextFact(facts.size() + 1);
            facts.add(fact);
            more.add(fact);
        }
        return more;
    }

    private SyntheticFact nextFact(int n) {
        String subject = subjects.get(random.nextInt(subjects.size()));
        String body = String.join(" ", vocabulary.sample(random, 8 + random.nextInt(17)));
        String supersedes = null;
        List<Integer> sameSubject = validBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        if (n % 10 == 0 && !sameSubject.isEmpty()) {
            int target = sameSubject.remove(random.nextInt(sameSubject.size()));
            supersedes = facts.get(target).id();
        }
        List<String> dependsOn = n % 50 == 0 && n > 1 ? List.of(facts.get(random.nextInt(n - 1)).id()) : List.of();
        sameSubject.add(n - 1);
        return new SyntheticFact("synth-" + n, subject, body, supersedes, dependsOn);
    }

    private String nextQuery() {
        List<String> words = new ArrayList<>(vocabulary.sample(random, 3 + random.nextInt(6)));
        String[] body = facts.get(random.nextInt(facts.size())).body().split(" ");
        words.add(body[random.nextInt(body.length)]);
        words.add(body[random.nextInt(body.length)]);
        return String.join(" ", words);
    }
}
