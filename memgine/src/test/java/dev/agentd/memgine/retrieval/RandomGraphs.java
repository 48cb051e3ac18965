package dev.agentd.memgine.retrieval;

import dev.agentd.memgine.FactInput;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.StringJoiner;
import java.util.function.LongSupplier;

/**
 * Random graphs and queries for check 8. Vocabulary and queries exercise every seed tier:
 * stem variants, synonym-group members, substrings, punctuation kept inside {@code T} tokens.
 */
final class RandomGraphs {
    private static final List<String> WORDS = List.of("deploy", "deployment", "deployed", "redeploys", "db",
            "database", "sql", "query", "error", "errors", "fail", "cache", "memory", "token", "login", "run", "runs",
            "running", "target", "prod", "eu", "now?", "host?", "a/b", "x_y", "v1.2", "api", "request", "route",
            "note", "notes", "Config", "SETTING", "ünï", "the", "it", "(draft)", "db-3");
    private static final List<String> QUERY_EXTRAS = List.of("dep", "data", "rror", "ca", "o", "?", "", "tok",
            "ROUTE", "settings", "configuration", "errored", "msg", "notification");
    private static final List<String> SUBJECTS = List.of("alpha", "beta", "db host", "deploy target", "Cache");

    /** The writes a random graph is made of. */
    interface Writes {
        String addFact(FactInput fact);

        void addTurn(String speaker, String text);

        void setEnvironment(String key, String value, Long ttlMs);

        void setIdentity(String body);

        void delete(String id);

        void advanceClock(long millis);
    }

    private record Written(String id, Long expiresAt) {}

    private RandomGraphs() {}

    /** 12–31 random writes: facts (some superseding, depending, expiring, constraints), turns, environment, identity, deletes. */
    static void populate(Writes writes, LongSupplier clock, SplittableRandom random) {
        List<Written> facts = new ArrayList<>();
        int operations = 12 + random.nextInt(20);
        for (int i = 0; i < operations; i++) {
            int dice = random.nextInt(100);
            if (dice < 45) {
                addFact(writes, clock.getAsLong(), random, facts);
            } else if (dice < 60) {
                writes.addTurn(random.nextBoolean() ? "user" : "assistant", text(random, 1, 6));
            } else if (dice < 70) {
                Long ttl = random.nextInt(3) == 0 ? (long) (1 + random.nextInt(3000)) : null;
                writes.setEnvironment(pick(random, List.of("now", "cwd", "branch", "region")), text(random, 1, 3), ttl);
            } else if (dice < 75) {
                writes.setIdentity(random.nextInt(4) == 0 ? "" : "User: " + text(random, 1, 4));
            } else if (dice < 85) {
                List<String> visible = visible(facts, clock.getAsLong());
                if (!visible.isEmpty()) {
                    String id = pick(random, visible);
                    writes.delete(id);
                    facts.removeIf(fact -> fact.id().equals(id));
                }
            } else {
                writes.advanceClock(random.nextInt(3000));
            }
        }
    }

    private static void addFact(Writes writes, long now, SplittableRandom random, List<Written> facts) {
        FactInput.Builder fact = FactInput.builder(FactInput.Source.WEBSOCKET, pick(random, SUBJECTS),
                text(random, 1, 7));
        List<String> existing = visible(facts, now);
        if (!existing.isEmpty() && random.nextInt(5) == 0) {
            fact.supersedes(pick(random, existing));
        }
        if (!existing.isEmpty() && random.nextInt(6) == 0) {
            fact.dependsOn(List.of(pick(random, existing), pick(random, existing)));
        }
        Long expiresAt = random.nextInt(6) == 0 ? now + 1 + random.nextInt(5000) : null;
        fact.expiresAt(expiresAt);
        if (random.nextInt(8) == 0) {
            fact.kind("constraint");
        }
        facts.add(new Written(writes.addFact(fact.build()), expiresAt));
    }

    private static List<String> visible(List<Written> facts, long now) {
        return facts.stream().filter(fact -> fact.expiresAt() == null || now < fact.expiresAt())
                .map(Written::id).toList();
    }

    static String query(SplittableRandom random) {
        StringJoiner words = new StringJoiner(random.nextBoolean() ? " " : ", ");
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            words.add(random.nextInt(3) == 0 ? pick(random, QUERY_EXTRAS) : pick(random, WORDS));
        }
        return words.toString();
    }

    private static String text(SplittableRandom random, int min, int max) {
        StringJoiner words = new StringJoiner(" ");
        int count = min + random.nextInt(max - min + 1);
        for (int i = 0; i < count; i++) {
            words.add(pick(random, WORDS));
        }
        return words.toString();
    }

    private static <T> T pick(SplittableRandom random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
