package dev.agentd.bench.statebench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.protocol.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays one timeline into a fresh graph through the public {@code memory.*} API (memory §11.1)
 * and returns the context built for each query. It keeps {@code byId} (StateBench id → latest
 * minted id) and {@code byKey} (key → latest minted id); a reference that resolves through
 * neither is left out of the params and counted.
 */
public final class TimelineReplay {
    private static final String WORKING_SET_SPEAKER = "context";

    private final TimelineGraph graph;
    private final Integer modelContextWindow;
    private final Map<String, String> byId = new HashMap<>();
    private final Map<String, String> byKey = new HashMap<>();
    private final List<ReplayedQuery> queries = new ArrayList<>();
    private int unresolvedRefs;

    private TimelineReplay(TimelineGraph graph, Integer modelContextWindow) {
        this.graph = graph;
        this.modelContextWindow = modelContextWindow;
    }

    /** A query and the context the graph built for it, with the wall time of the call. */
    public record ReplayedQuery(TimelineEvent.Query query, String context, long buildNanos) {}

    public record Result(String timelineId, List<ReplayedQuery> queries, int unresolvedRefs) {
        public Result {
            queries = List.copyOf(queries);
        }
    }

    /** @param modelContextWindow sent as {@code model_context_window}; {@code null} for the default budget */
    public static Result play(Timeline timeline, TimelineGraph graph, Integer modelContextWindow) {
        TimelineReplay replay = new TimelineReplay(graph, modelContextWindow);
        replay.playAll(timeline);
        return new Result(timeline.id(), replay.queries, replay.unresolvedRefs);
    }

    private void playAll(Timeline timeline) {
        graph.setIdentity(object().put("body", timeline.identity()));
        timeline.initialFacts().forEach(this::addFact);
        for (Timeline.WorkingItem item : timeline.initialWorkingSet()) {
            addTurn(WORKING_SET_SPEAKER, item.content(), item.ts());
        }
        for (Timeline.EnvironmentValue entry : timeline.initialEnvironment()) {
            setEnvironment(entry.key(), entry.value());
        }
        timeline.events().forEach(this::playEvent);
    }

    private void playEvent(TimelineEvent event) {
        if (event instanceof TimelineEvent.Turn turn) {
            addTurn(turn.speaker(), turn.text(), turn.ts());
        } else if (event instanceof TimelineEvent.Writes writes) {
            writes.writes().forEach(write -> playWrite(write, writes.ts()));
        } else if (event instanceof TimelineEvent.Query query) {
            ask(query);
        }
    }

    private void playWrite(Timeline.StateWrite write, String ts) {
        switch (write.layer()) {
            case PERSISTENT_FACTS -> addFact(write);
            case WORKING_SET -> addTurn(WORKING_SET_SPEAKER, write.key() + ": " + write.value(), ts);
            case ENVIRONMENT -> setEnvironment(write.key(), write.value());
        }
    }

    /** {@code F(x)} of §11.1. */
    private void addFact(Timeline.StateWrite write) {
        ObjectNode params = object()
                .put("id", write.key())
                .put("subject", write.key())
                .put("body", write.value())
                .put("kind", write.isConstraint() ? "constraint" : "pattern");
        if (write.supersedes() != null) {
            String target = ref(write.supersedes());
            if (target != null) {
                params.put("supersedes", target);
            }
        }
        ArrayNode dependsOn = params.putArray("depends_on");
        for (String dependency : write.dependsOn()) {
            String target = ref(dependency);
            if (target != null) {
                dependsOn.add(target);
            }
        }
        ArrayNode tags = params.putArray("tags");
        if (write.authority() != null) {
            tags.add("authority:" + write.authority());
        }
        String minted = graph.addFact(params);
        byKey.put(write.key(), minted);
        if (write.hasOwnId()) {
            byId.put(write.id(), minted);
        }
    }

    private String ref(String reference) {
        String target = byId.getOrDefault(reference, byKey.get(reference));
        if (target == null) {
            unresolvedRefs++;
        }
        return target;
    }

    private void addTurn(String speaker, String text, String ts) {
        graph.addTurn(object().put("speaker", speaker).put("text", text).put("ts", ts));
    }

    private void setEnvironment(String key, String value) {
        graph.setEnvironment(object().put("key", key).put("value", value));
    }

    private void ask(TimelineEvent.Query query) {
        ObjectNode params = object().put("query", query.prompt());
        if (modelContextWindow != null) {
            params.put("model_context_window", modelContextWindow);
        }
        long start = System.nanoTime();
        String context = graph.buildContext(params);
        queries.add(new ReplayedQuery(query, context, System.nanoTime() - start));
    }

    private static ObjectNode object() {
        return Json.mapper().createObjectNode();
    }
}
