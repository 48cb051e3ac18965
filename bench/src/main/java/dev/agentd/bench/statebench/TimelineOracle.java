package dev.agentd.bench.statebench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference texts of memory §11.2, computed from the timeline alone (no engine), one per query
 * in order, all lowercased. Supersession is resolved with the replay's own rule: {@code byId},
 * else {@code byKey}, the latest write winning.
 */
public final class TimelineOracle {
    private final List<String> identity = new ArrayList<>();
    private final List<FactState> facts = new ArrayList<>();
    private final Map<String, FactState> byId = new HashMap<>();
    private final Map<String, FactState> byKey = new HashMap<>();
    private final List<String> turns = new ArrayList<>();
    private final List<String> environmentWrites = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<Texts> texts = new ArrayList<>();

    private TimelineOracle() {}

    /**
     * What a context could hold at one query.
     *
     * @param written everything the timeline wrote before the query — identity, every fact ever
     *     written (superseded ones too), every turn and working-set item, every environment write —
     *     plus the prompt: a query is retrievable iff its must-mention strings all occur here, and
     *     the <em>everything</em> oracle pastes exactly this
     * @param validState identity + every valid fact + the current environment, no turns
     * @param validFactsAndTurns the valid state plus every turn and working-set item
     */
    public record Texts(String written, String validState, String validFactsAndTurns) {}

    private static final class FactState {
        final String line;
        boolean valid = true;

        FactState(String line) {
            this.line = line;
        }
    }

    public static List<Texts> of(Timeline timeline) {
        TimelineOracle oracle = new TimelineOracle();
        oracle.identity.add(timeline.identity());
        timeline.initialFacts().forEach(oracle::addFact);
        timeline.initialWorkingSet().forEach(item -> oracle.turns.add(item.content()));
        timeline.initialEnvironment().forEach(entry -> oracle.setEnvironment(entry.key(), entry.value()));
        for (TimelineEvent event : timeline.events()) {
            if (event instanceof TimelineEvent.Turn turn) {
                oracle.turns.add(turn.speaker() + ": " + turn.text());
            } else if (event instanceof TimelineEvent.Writes writes) {
                writes.writes().forEach(oracle::write);
            } else if (event instanceof TimelineEvent.Query query) {
                oracle.texts.add(oracle.textsAt(query));
            }
        }
        return List.copyOf(oracle.texts);
    }

    private void write(Timeline.StateWrite write) {
        switch (write.layer()) {
            case PERSISTENT_FACTS -> addFact(write);
            case WORKING_SET -> turns.add("context: " + write.key() + ": " + write.value());
            case ENVIRONMENT -> setEnvironment(write.key(), write.value());
        }
    }

    private void addFact(Timeline.StateWrite write) {
        if (write.supersedes() != null) {
            FactState target = byId.getOrDefault(write.supersedes(), byKey.get(write.supersedes()));
            if (target != null) {
                target.valid = false;
            }
        }
        FactState fact = new FactState(write.key() + ": " + write.value());
        facts.add(fact);
        byKey.put(write.key(), fact);
        if (write.hasOwnId()) {
            byId.put(write.id(), fact);
        }
    }

    private void setEnvironment(String key, String value) {
        environment.put(key, value);
        environmentWrites.add(key + ": " + value);
    }

    private Texts textsAt(TimelineEvent.Query query) {
        List<String> allFacts = facts.stream().map(fact -> fact.line).toList();
        List<String> validFacts = facts.stream().filter(fact -> fact.valid).map(fact -> fact.line).toList();
        List<String> currentEnvironment = environment.entrySet().stream()
                .map(entry -> entry.getKey() + ": " + entry.getValue()).toList();
        String written = join(identity, allFacts, turns, environmentWrites, List.of(query.prompt()));
        String validState = join(identity, validFacts, currentEnvironment);
        String validFactsAndTurns = join(identity, validFacts, turns, currentEnvironment);
        return new Texts(written, validState, validFactsAndTurns);
    }

    @SafeVarargs
    private static String join(List<String>... parts) {
        List<String> lines = new ArrayList<>();
        for (List<String> part : parts) {
            lines.addAll(part);
        }
        return Mention.lower(String.join("\n", lines));
    }
}
